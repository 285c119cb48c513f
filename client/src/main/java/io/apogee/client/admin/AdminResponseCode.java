package io.apogee.client.admin;

import io.apogee.remoting.protocol.ResponseCode;

/**
 * The RocketMQ response codes admin callers test {@code MQClientException#getResponseCode()} and
 * {@code MQBrokerException#getResponseCode()} against (the protocol defines them once, in remoting; these are
 * compile-time aliases, so callers need no remoting dependency).
 */
public final class AdminResponseCode {

    /** No route for the topic (a topic, or a group's retry topic, that does not exist). */
    public static final int TOPIC_NOT_EXIST = ResponseCode.TOPIC_NOT_EXIST;

    /** The consumer group has no online consumer. */
    public static final int CONSUMER_NOT_ONLINE = ResponseCode.CONSUMER_NOT_ONLINE;

    private AdminResponseCode() {
    }
}
