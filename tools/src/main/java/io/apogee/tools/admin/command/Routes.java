package io.apogee.tools.admin.command;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.AdminResponseCode;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.SystemTopics;
import java.util.List;
import java.util.Objects;

/** Topic routes for commands, with the operator-facing message when there is none. */
final class Routes {

    private Routes() {
    }

    static TopicRouteData of(AdminSession session, String topic) throws Exception {
        try {
            return session.admin().examineTopicRouteInfo(topic);
        } catch (MQClientException e) {
            if (e.getResponseCode() == AdminResponseCode.TOPIC_NOT_EXIST) {
                throw new CommandFailedException("No route for topic " + topic
                        + ": create it with updateTopic or enable autoCreateTopicEnable");
            }
            throw e;
        }
    }

    /**
     * The route of {@code group}'s retry topic, which a broker creates at the group's first consumer heartbeat.
     *
     * @throws CommandFailedException saying the group has never had a consumer online when there is none
     */
    static TopicRouteData ofGroup(AdminSession session, String group) throws Exception {
        try {
            return session.admin().examineTopicRouteInfo(SystemTopics.retryTopic(group));
        } catch (MQClientException e) {
            if (e.getResponseCode() == AdminResponseCode.TOPIC_NOT_EXIST) {
                throw new CommandFailedException("consumer group " + group + " has never had a consumer online"
                        + " (no broker has its retry topic " + SystemTopics.retryTopic(group) + ")");
            }
            throw e;
        }
    }

    /** The master address of each broker of {@code route} that has one online. */
    static List<String> masters(TopicRouteData route) {
        return route.brokerDatas().stream().map(b -> b.brokerAddrs().get(BrokerData.MASTER_ID))
                .filter(Objects::nonNull).toList();
    }
}
