package io.apogee.common.topic;

/** How a topic's messages carry tags (RocketMQ's {@code TopicFilterType}); only {@code SINGLE_TAG} is used. */
public enum TopicFilterType {
    SINGLE_TAG,
    MULTI_TAG
}
