package io.apogee.tools.admin.command;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.AdminResponseCode;
import io.apogee.common.route.TopicRouteData;

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
}
