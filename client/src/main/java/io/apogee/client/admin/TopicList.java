package io.apogee.client.admin;

import java.util.Set;

/**
 * The topics the NameServer knows ({@code topicList}), as RocketMQ's admin API returns them.
 *
 * @param topicList the topic names
 */
public record TopicList(Set<String> topicList) {
}
