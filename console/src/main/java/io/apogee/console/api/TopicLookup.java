package io.apogee.console.api;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.AdminResponseCode;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.admin.TopicStatus;
import io.apogee.common.route.TopicRouteData;
import io.apogee.console.http.ApiException;
import io.apogee.remoting.exception.RemotingException;

/** Route and queue reads of one topic, a topic without a route answered 404 naming it instead of 502. */
final class TopicLookup {

    private TopicLookup() {
    }

    static TopicRouteData route(DefaultMQAdminExt admin, String topic) throws MQClientException,
            InterruptedException, RemotingException {
        return orNotFound(topic, () -> admin.examineTopicRouteInfo(topic));
    }

    /** Whether the NameServers have a route for {@code topic}. */
    static boolean exists(DefaultMQAdminExt admin, String topic)
            throws MQClientException, InterruptedException, RemotingException {
        try {
            route(admin, topic);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    static TopicStatus status(DefaultMQAdminExt admin, String topic) throws MQClientException,
            InterruptedException, RemotingException {
        return orNotFound(topic, () -> admin.topicStatus(topic));
    }

    private interface Read<T> {
        T read() throws MQClientException, InterruptedException, RemotingException;
    }

    /** {@code read}'s answer; a missing route is a 404 naming the topic. */
    private static <T> T orNotFound(String topic, Read<T> read)
            throws MQClientException, InterruptedException, RemotingException {
        try {
            return read.read();
        } catch (MQClientException e) {
            if (e.getResponseCode() == AdminResponseCode.TOPIC_NOT_EXIST) {
                throw ApiException.notFound("no topic " + topic + ": the NameServers have no route for it");
            }
            throw e;
        }
    }
}
