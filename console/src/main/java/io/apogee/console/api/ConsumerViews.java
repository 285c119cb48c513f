package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.AdminResponseCode;
import io.apogee.client.admin.ConsumerProgress;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.admin.QueueProgress;
import io.apogee.client.admin.QueueStatus;
import io.apogee.common.admin.Connection;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.admin.ProcessQueueInfo;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.exception.RemotingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The JSON shapes of a consumer group's live state: its online clients, its progress, a client's running info. */
final class ConsumerViews {

    private ConsumerViews() {
    }

    /**
     * The group's online consumers: consume type and model, clients with address, language and version, and
     * subscriptions; or {@code {"online": false, "reason": ...}} when none is online.
     */
    static JSONObject connection(DefaultMQAdminExt admin, String group) throws MQClientException,
            MQBrokerException, RemotingException, InterruptedException {
        ConsumerConnection c;
        try {
            c = admin.examineConsumerConnectionInfo(group);
        } catch (MQBrokerException e) {
            if (e.getResponseCode() != AdminResponseCode.CONSUMER_NOT_ONLINE) {
                throw e;
            }
            return JSONObject.of("online", false, "reason", "no consumer of group " + group + " is online");
        } catch (MQClientException e) {
            if (e.getResponseCode() != AdminResponseCode.TOPIC_NOT_EXIST) {
                throw e;
            }
            return JSONObject.of("online", false, "reason", "no consumer of group " + group
                    + " has ever started (the NameServers have no route for its retry topic)");
        }
        List<SubscriptionData> subscriptions = new ArrayList<>(c.getSubscriptionTable().values());
        subscriptions.sort(Comparator.comparing(SubscriptionData::getTopic));
        return JSONObject.of("online", true, "consumeType", name(c.getConsumeType()), "messageModel",
                name(c.getMessageModel()), "consumeFromWhere", name(c.getConsumeFromWhere()), "clients",
                clients(c.getConnectionSet()), "subscriptions", subscriptions(subscriptions));
    }

    /** Each client: id, address, language and the protocol version its heartbeat carried. */
    static List<JSONObject> clients(Collection<Connection> connections) {
        List<JSONObject> rows = new ArrayList<>();
        for (Connection c : connections) {
            rows.add(JSONObject.of("clientId", c.getClientId(), "clientAddr", c.getClientAddr(), "language",
                    name(c.getLanguage()), "version", c.getVersion()));
        }
        rows.sort(Comparator.comparing(r -> r.getString("clientId")));
        return rows;
    }

    private static List<JSONObject> subscriptions(Collection<SubscriptionData> subscriptions) {
        List<JSONObject> rows = new ArrayList<>();
        for (SubscriptionData s : subscriptions) {
            rows.add(JSONObject.of("topic", s.getTopic(), "expression", s.getSubString(), "expressionType",
                    s.getExpressionType()));
        }
        return rows;
    }

    /**
     * The group's progress per queue of {@code topic} (every topic when {@code null}), its consume TPS, and its lag
     * in total or {@code lagUnknown} saying why it is unknown (never -1). A group none of whose consumers ever
     * started has no retry-topic route to ask through; then each queue of {@code knownTopics} is read.
     */
    static JSONObject progress(DefaultMQAdminExt admin, String group, String topic, Collection<String> knownTopics)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        ConsumerProgress progress;
        try {
            progress = admin.consumerProgress(group, topic);
        } catch (MQClientException e) {
            if (e.getResponseCode() != AdminResponseCode.TOPIC_NOT_EXIST) {
                throw e;
            }
            return progressPerQueue(admin, group, knownTopics);
        }
        List<JSONObject> queues = new ArrayList<>();
        for (QueueProgress q : progress.queues()) {
            queues.add(queue(q.queue(), q.brokerOffset(), q.consumerOffset(), q.lastTimestamp()));
        }
        JSONObject view = JSONObject.of("queues", queues, "consumeTps", progress.consumeTps(), "unanswered",
                progress.unanswered());
        if (progress.diffTotal().isPresent()) {
            view.put("lag", progress.diffTotal().getAsLong());
        } else {
            view.put("lagUnknown", "broker " + progress.unanswered().get(0).brokerName() + " did not answer: "
                    + progress.unanswered().get(0).error());
        }
        return view;
    }

    private static JSONObject progressPerQueue(DefaultMQAdminExt admin, String group, Collection<String> topics)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        if (topics.isEmpty()) {
            return JSONObject.of("queues", List.of(), "consumeTps", 0, "lagUnknown", "the group has committed no "
                    + "offset yet and no consumer of it has started");
        }
        List<JSONObject> queues = new ArrayList<>();
        long lag = 0;
        for (String topic : new TreeSet<>(topics)) {
            for (QueueStatus q : TopicLookup.status(admin, topic).queues()) {
                long committed = admin.queryConsumerOffset(group, q.queue());
                if (committed >= 0) {
                    queues.add(queue(q.queue(), q.maxOffset(), committed, 0));
                    lag += Math.max(0, q.maxOffset() - committed);
                }
            }
        }
        return JSONObject.of("queues", queues, "consumeTps", 0, "lag", lag);
    }

    private static JSONObject queue(MessageQueue mq, long brokerOffset, long consumerOffset, long lastTimestamp) {
        return JSONObject.of("topic", mq.getTopic(), "brokerName", mq.getBrokerName(), "queueId", mq.getQueueId(),
                "brokerOffset", brokerOffset, "consumerOffset", consumerOffset, "lag",
                Math.max(0, brokerOffset - consumerOffset), "lastTimestamp", lastTimestamp);
    }

    /** A client's running info: its properties, subscriptions, per-queue process state, per-topic rates, jstack. */
    static JSONObject runningInfo(ConsumerRunningInfo info) {
        List<JSONObject> queues = new ArrayList<>();
        for (Map.Entry<MessageQueue, ProcessQueueInfo> e : new TreeMap<>(info.getMqTable()).entrySet()) {
            ProcessQueueInfo p = e.getValue();
            queues.add(JSONObject.of("topic", e.getKey().getTopic(), "brokerName", e.getKey().getBrokerName(),
                    "queueId", e.getKey().getQueueId(), "commitOffset", p.getCommitOffset(), "cachedMsgCount",
                    p.getCachedMsgCount(), "cachedMsgMinOffset", p.getCachedMsgMinOffset(), "cachedMsgMaxOffset",
                    p.getCachedMsgMaxOffset(), "locked", p.isLocked(), "lastPullTimestamp", p.getLastPullTimestamp(),
                    "lastConsumeTimestamp", p.getLastConsumeTimestamp()));
        }
        List<SubscriptionData> subscriptions = new ArrayList<>(info.getSubscriptionSet());
        subscriptions.sort(Comparator.comparing(SubscriptionData::getTopic));
        return JSONObject.of("properties", new TreeMap<>(info.getProperties()), "subscriptions",
                subscriptions(subscriptions), "queues", queues, "status", new TreeMap<>(info.getStatusTable()),
                "jstack", info.getJstack());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
