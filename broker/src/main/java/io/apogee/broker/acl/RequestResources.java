package io.apogee.broker.acl;

import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a request needs, as RocketMQ 4.9's {@code PlainAccessValidator} reads it from the request: the topics and
 * groups (a group as its retry topic {@code %RETRY%group}) with the permission each needs, and whether an admin
 * account is needed. Sends need PUB on their topic (SUB on the group when they go to a retry topic); pulls,
 * heartbeats, offsets and group lookups SUB on the group and the topic.
 *
 * <p>Stricter than RocketMQ 4.9 on purpose: batch and reply sends are checked like sends, QUERY_CONSUMER_OFFSET like
 * UPDATE_CONSUMER_OFFSET, and the ACL admin requests that change plain_acl.yml need an admin account (RocketMQ 4.9
 * lets any account change it).
 */
final class RequestResources {

    /** RocketMQ 4.9's admin codes, plus the ACL updates. */
    private static final Set<Integer> ADMIN_CODES = Set.of(RequestCode.UPDATE_AND_CREATE_TOPIC,
            RequestCode.UPDATE_BROKER_CONFIG, RequestCode.DELETE_TOPIC_IN_BROKER,
            RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, RequestCode.DELETE_SUBSCRIPTIONGROUP,
            RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, RequestCode.DELETE_ACL_CONFIG,
            RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG);

    private RequestResources() {
    }

    static boolean needsAdmin(int code) {
        return ADMIN_CODES.contains(code);
    }

    /**
     * The resources {@code request} touches, in the order checked.
     *
     * @throws IllegalArgumentException when a heartbeat body does not parse
     */
    static Map<String, Byte> of(RemotingCommand request) {
        Map<String, String> ext = request.extFields();
        Map<String, Byte> needs = new LinkedHashMap<>();
        switch (request.code()) {
            case RequestCode.SEND_MESSAGE, RequestCode.SEND_REPLY_MESSAGE ->
                    send(needs, ext.get("topic"), ext.get("producerGroup"));
            case RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE, RequestCode.SEND_REPLY_MESSAGE_V2 ->
                    send(needs, ext.get("b"), ext.get("a"));
            case RequestCode.CONSUMER_SEND_MSG_BACK -> group(needs, ext.get("group"));
            case RequestCode.PULL_MESSAGE -> {
                add(needs, ext.get("topic"), Permission.SUB);
                group(needs, ext.get("consumerGroup"));
            }
            case RequestCode.QUERY_MESSAGE -> add(needs, ext.get("topic"), Permission.SUB);
            case RequestCode.HEART_BEAT -> heartbeat(needs, request.body());
            case RequestCode.UNREGISTER_CLIENT, RequestCode.GET_CONSUMER_LIST_BY_GROUP ->
                    group(needs, ext.get("consumerGroup"));
            case RequestCode.UPDATE_CONSUMER_OFFSET, RequestCode.QUERY_CONSUMER_OFFSET -> {
                group(needs, ext.get("consumerGroup"));
                add(needs, ext.get("topic"), Permission.SUB);
            }
            default -> {
                // nothing but the signature (and admin, for admin codes) is checked
            }
        }
        return needs;
    }

    /** A send: PUB on its topic, or SUB on the group when it sends to the group's retry topic. */
    private static void send(Map<String, Byte> needs, String topic, String group) {
        if (topic != null && SystemTopics.isRetryTopic(topic)) {
            group(needs, group);
        } else {
            add(needs, topic, Permission.PUB);
        }
    }

    private static void heartbeat(Map<String, Byte> needs, byte[] body) {
        if (body == null) {
            return;
        }
        HeartbeatData data;
        try {
            data = HeartbeatData.decode(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the heartbeat body does not parse: " + e.getMessage(), e);
        }
        if (data == null || data.getConsumerDataSet() == null) {
            return;
        }
        for (ConsumerData consumer : data.getConsumerDataSet()) {
            group(needs, consumer.getGroupName());
            if (consumer.getSubscriptionDataSet() != null) {
                for (SubscriptionData sub : consumer.getSubscriptionDataSet()) {
                    add(needs, sub.getTopic(), Permission.SUB);
                }
            }
        }
    }

    private static void group(Map<String, Byte> needs, String group) {
        if (group != null) {
            add(needs, SystemTopics.retryTopic(group), Permission.SUB);
        }
    }

    private static void add(Map<String, Byte> needs, String resource, byte perm) {
        if (resource != null) {
            needs.merge(resource, perm, (a, b) -> (byte) (a | b));
        }
    }
}
