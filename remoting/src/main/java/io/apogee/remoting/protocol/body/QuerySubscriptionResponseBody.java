package io.apogee.remoting.protocol.body;

import io.apogee.common.consumer.SubscriptionData;

/**
 * The QUERY_SUBSCRIPTION_BY_CONSUMER (345) answer, RocketMQ 5's {@code QuerySubscriptionResponseBody}.
 *
 * @param subscriptionData the group's subscription to the topic, {@code null} when no online consumer of the group
 *     subscribes to it
 */
public record QuerySubscriptionResponseBody(SubscriptionData subscriptionData, String group, String topic) {
}
