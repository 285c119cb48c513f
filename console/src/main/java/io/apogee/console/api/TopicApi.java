package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.QueueStatus;
import io.apogee.client.admin.TopicStatus;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.Permission;
import io.apogee.common.topic.TopicConfig;
import io.apogee.common.topic.TopicFilterType;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Page;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import io.apogee.console.view.ClusterView;
import io.apogee.console.view.TopicType;
import io.apogee.remoting.exception.RemotingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The Topics page. From the snapshot: {@code GET /api/topics?search=&type=&offset=&limit=} (a {@link Page}). Live:
 * {@code /api/topics/{topic}/route}, {@code /status} (per-queue offsets), {@code /consumers} (groups with their lag in
 * the topic). Writes (operator): {@code POST /api/topics} creates, {@code PUT /api/topics/{topic}} updates (queues,
 * perm, order; on a cluster or a broker), {@code DELETE /api/topics/{topic}?clusterName=} deletes,
 * {@code POST /api/topics/{topic}/send} sends a test message. Offset resets are the Consumers API's.
 */
final class TopicApi implements ApiModule {

    static final int MAX_QUEUE_NUMS = 1024;

    private final Apis.Context context;
    private final TestMessageSender sender;

    TopicApi(Apis.Context context) {
        this.context = context;
        this.sender = new TestMessageSender(context.config().namesrvAddr());
    }

    @Override
    public void register(Router router) {
        router.get("/api/topics", Role.VIEWER, this::list)
                .post("/api/topics", Role.OPERATOR, call -> write(call, true))
                .put("/api/topics/{topic}", Role.OPERATOR, call -> write(call, false))
                .delete("/api/topics/{topic}", Role.OPERATOR, this::delete)
                .get("/api/topics/{topic}/route", Role.VIEWER, this::route)
                .get("/api/topics/{topic}/status", Role.VIEWER, this::status)
                .get("/api/topics/{topic}/consumers", Role.VIEWER, this::consumers)
                .post("/api/topics/{topic}/send", Role.OPERATOR, this::send);
    }

    @Override
    public void close() {
        sender.close();
    }

    private Reply list(HttpCall call) throws InterruptedException {
        Predicate<ClusterView.TopicEntry> filter = nameFilter(call.param("search", ""));
        String type = call.param("type", "");
        if (!type.isEmpty()) {
            TopicType wanted = Arrays.stream(TopicType.values()).filter(t -> t.label().equals(type)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("type must be one of " + Arrays.stream(
                            TopicType.values()).map(TopicType::label).toList() + ", was '" + type + "'"));
            filter = filter.and(t -> t.type() == wanted);
        }
        List<JSONObject> rows = snapshot(context, call).topics().stream().filter(filter)
                .map(TopicApi::row).toList();
        return Reply.json(Page.of(rows, call));
    }

    /** The snapshot, taken anew first when the call asks {@code refresh} (the page does after a write). */
    static ClusterView.Snapshot snapshot(Apis.Context context, HttpCall call) throws InterruptedException {
        return call.param("refresh") != null ? context.cluster().refreshNow() : context.cluster().current();
    }

    private static Predicate<ClusterView.TopicEntry> nameFilter(String search) {
        String needle = search.trim().toLowerCase(Locale.ROOT);
        return t -> needle.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static JSONObject row(ClusterView.TopicEntry t) {
        return JSONObject.of("topic", t.name(), "type", t.type().label(), "readQueueNums", t.readQueueNums(),
                "writeQueueNums", t.writeQueueNums(), "perm", t.perm(), "order", t.order(), "brokers", t.brokers());
    }

    private Reply write(HttpCall call, boolean create) throws Exception {
        JSONObject body = call.json();
        String topic = create ? call.requiredField(body, "topic") : call.pathParam("topic");
        Optional<ClusterView.TopicEntry> existing = entry(topic);
        if (create) {
            BodyFields.newName("topic", topic, existing.isPresent() || TopicLookup.exists(context.admin(), topic),
                    "/api/topics/" + topic);
        } else if (existing.isEmpty()) {
            throw ApiException.notFound("no topic " + topic + " in the cluster (refresh the Topics page)");
        }
        TopicConfig config = config(topic, body, existing);
        List<String> masters = BrokerTargets.masters(context.cluster().current(), BodyFields.text(body,
                "clusterName"), BodyFields.text(body, "brokerName"), existing.map(ClusterView.TopicEntry::brokers)
                .orElse(List.of()));
        for (String addr : masters) {
            context.admin().createAndUpdateTopicConfig(addr, config);
        }
        context.cluster().refreshSoon();
        return Reply.json(create ? 201 : 200, JSONObject.of("topic", topic, "readQueueNums", config.getReadQueueNums(),
                "writeQueueNums", config.getWriteQueueNums(), "perm", config.getPerm(), "order", config.isOrder(),
                "brokerAddrs", masters));
    }

    private static TopicConfig config(String topic, JSONObject body, Optional<ClusterView.TopicEntry> existing) {
        int read = existing.map(ClusterView.TopicEntry::readQueueNums).orElse(TopicConfig.DEFAULT_QUEUE_NUMS);
        int write = existing.map(ClusterView.TopicEntry::writeQueueNums).orElse(TopicConfig.DEFAULT_QUEUE_NUMS);
        int perm = existing.map(ClusterView.TopicEntry::perm).orElse(Permission.READ_WRITE);
        boolean order = existing.map(ClusterView.TopicEntry::order).orElse(false);
        read = (int) BodyFields.number(body, "readQueueNums", read, 1, MAX_QUEUE_NUMS);
        write = (int) BodyFields.number(body, "writeQueueNums", write, 1, MAX_QUEUE_NUMS);
        perm = (int) BodyFields.number(body, "perm", perm, 0, Permission.READ_WRITE);
        if (perm != Permission.READ && perm != Permission.WRITE && perm != Permission.READ_WRITE) {
            throw ApiException.badRequest("field 'perm' must be 2 (write only), 4 (read only) or 6 (read and write),"
                    + " was " + perm);
        }
        order = BodyFields.flag(body, "order", order);
        return new TopicConfig(topic, read, write, perm, TopicFilterType.SINGLE_TAG, 0, order);
    }

    private Optional<ClusterView.TopicEntry> entry(String topic) {
        return context.cluster().current().topics().stream().filter(t -> t.name().equals(topic)).findFirst();
    }

    private Reply delete(HttpCall call) throws Exception {
        String topic = call.pathParam("topic");
        String named = call.param("clusterName", "");
        Set<String> clusters = named.isEmpty() ? clustersServing(topic) : Set.of(named);
        for (String cluster : clusters) {
            if (context.admin().fetchMasterAddrByClusterName(cluster).isEmpty()) {
                throw ApiException.notFound("no cluster '" + cluster + "' with a master online");
            }
            context.admin().deleteTopic(topic, cluster);
        }
        context.cluster().refreshSoon();
        return Reply.json(JSONObject.of("topic", topic, "clusters", clusters));
    }

    private Set<String> clustersServing(String topic)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        TopicLookup.route(context.admin(), topic);
        Set<String> clusters = context.admin().getTopicClusterList(topic);
        if (clusters.isEmpty()) {
            throw ApiException.notFound("no cluster serves topic " + topic);
        }
        return clusters;
    }

    private Reply route(HttpCall call) throws MQClientException, InterruptedException, RemotingException {
        TopicRouteData route = TopicLookup.route(context.admin(), call.pathParam("topic"));
        List<JSONObject> brokers = new ArrayList<>();
        for (BrokerData b : route.brokerDatas()) {
            Map<String, String> addrs = new TreeMap<>();
            b.brokerAddrs().forEach((id, addr) -> addrs.put(String.valueOf(id), addr));
            brokers.add(JSONObject.of("cluster", b.cluster(), "brokerName", b.brokerName(), "addrs", addrs));
        }
        List<JSONObject> queues = new ArrayList<>();
        for (QueueData q : route.queueDatas()) {
            queues.add(JSONObject.of("brokerName", q.brokerName(), "readQueueNums", q.readQueueNums(),
                    "writeQueueNums", q.writeQueueNums(), "perm", q.perm(), "topicSysFlag", q.topicSysFlag()));
        }
        return Reply.json(JSONObject.of("topic", call.pathParam("topic"), "brokers", brokers, "queues", queues,
                "orderTopicConf", route.orderTopicConf()));
    }

    private Reply status(HttpCall call) throws MQClientException, InterruptedException, RemotingException {
        TopicStatus status = TopicLookup.status(context.admin(), call.pathParam("topic"));
        List<JSONObject> queues = new ArrayList<>();
        for (QueueStatus q : status.queues()) {
            queues.add(JSONObject.of("brokerName", q.queue().getBrokerName(), "queueId", q.queue().getQueueId(),
                    "minOffset", q.minOffset(), "maxOffset", q.maxOffset(), "lastUpdateTimestamp",
                    q.lastUpdateTimestamp()));
        }
        return Reply.json(JSONObject.of("topic", status.topic(), "queues", queues, "unanswered",
                status.unanswered()));
    }

    private Reply consumers(HttpCall call) throws Exception {
        String topic = call.pathParam("topic");
        TopicLookup.route(context.admin(), topic);
        Set<String> groups = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        try {
            groups.addAll(context.admin().queryTopicConsumeByWho(topic));
        } catch (MQBrokerException e) {
            errors.add("broker " + e.getBrokerAddr() + ": " + e.getErrorMessage());
        }
        context.cluster().current().groups().stream().filter(g -> g.topics().contains(topic))
                .forEach(g -> groups.add(g.name()));
        List<JSONObject> rows = new ArrayList<>();
        for (String group : groups) {
            JSONObject row = ConsumerViews.progress(context.admin(), group, topic, List.of(topic));
            row.put("group", group);
            rows.add(row);
        }
        return Reply.json(JSONObject.of("topic", topic, "groups", rows, "errors", errors));
    }

    private Reply send(HttpCall call) throws Exception {
        String topic = call.pathParam("topic");
        JSONObject body = call.json();
        String text = body.getString("body");
        if (text == null || text.isEmpty()) {
            throw ApiException.badRequest("field 'body' is required: the message text to send");
        }
        TopicLookup.route(context.admin(), topic);
        Message message = new Message(topic, BodyFields.text(body, "tags"), BodyFields.text(body, "keys"),
                text.getBytes(StandardCharsets.UTF_8));
        SendResult result = sender.send(message);
        return Reply.json(JSONObject.of("status", result.getSendStatus().name(), "msgId", result.getMsgId(),
                "offsetMsgId", result.getOffsetMsgId(), "brokerName", result.getMessageQueue().getBrokerName(),
                "queueId", result.getMessageQueue().getQueueId(), "queueOffset", result.getQueueOffset()));
    }
}
