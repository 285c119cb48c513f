package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Page;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import io.apogee.console.view.ClusterView;
import io.apogee.remoting.exception.RemotingException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Consumers page. From the snapshot: {@code GET /api/groups?search=&offset=&limit=} (a {@link Page}; a lag never
 * -1: {@code lagUnknown} says why it is unknown). Live: {@code GET /api/groups/{group}} (config, online clients with
 * consume type, model, versions and subscriptions, per-queue progress), {@code /client?clientId=} (a client's running
 * info), {@code /reset-preview?topic=&timestamp=} (per queue: the offset now and after a reset to that time; -1 the
 * end). Writes (operator): {@code POST /api/groups}, {@code PUT} and {@code DELETE /api/groups/{group}},
 * {@code POST /api/groups/{group}/reset} with {@code {"topic", "timestamp"}} (-1 skips the backlog).
 */
final class GroupApi implements ApiModule {

    private final Apis.Context context;
    private final OffsetReset reset;

    GroupApi(Apis.Context context) {
        this.context = context;
        this.reset = new OffsetReset(context.admin(), context.cluster());
    }

    @Override
    public void register(Router router) {
        router.get("/api/groups", Role.VIEWER, this::list)
                .post("/api/groups", Role.OPERATOR, call -> write(call, true))
                .get("/api/groups/{group}", Role.VIEWER, this::detail)
                .put("/api/groups/{group}", Role.OPERATOR, call -> write(call, false))
                .delete("/api/groups/{group}", Role.OPERATOR, this::delete)
                .get("/api/groups/{group}/client", Role.VIEWER, call -> Reply.json(ConsumerViews.runningInfo(
                        context.admin().getConsumerRunningInfo(known(call), call.requiredParam("clientId")))))
                .get("/api/groups/{group}/reset-preview", Role.VIEWER, this::preview)
                .post("/api/groups/{group}/reset", Role.OPERATOR, this::reset);
    }

    private Reply list(HttpCall call) throws InterruptedException {
        String needle = call.param("search", "").trim().toLowerCase(Locale.ROOT);
        List<JSONObject> rows = TopicApi.snapshot(context, call).groups().stream()
                .filter(g -> needle.isEmpty() || g.name().toLowerCase(Locale.ROOT).contains(needle))
                .map(GroupApi::row).toList();
        return Reply.json(Page.of(rows, call));
    }

    private static JSONObject row(ClusterView.GroupEntry g) {
        JSONObject row = JSONObject.of("group", g.name(), "brokers", g.brokers(), "consumeTps", g.consumeTps(),
                "topics", g.topics().stream().sorted().toList(), "config", g.config());
        if (g.lag() != null) {
            row.put("lag", g.lag());
        } else {
            row.put("lagUnknown", g.lagUnknown());
        }
        return row;
    }

    private Reply detail(HttpCall call)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        ClusterView.GroupEntry entry = entry(call.pathParam("group")).orElseThrow(() -> missing(call));
        JSONObject detail = row(entry);
        detail.put("connection", ConsumerViews.connection(context.admin(), entry.name()));
        detail.put("progress", ConsumerViews.progress(context.admin(), entry.name(), null,
                entry.topics()));
        return Reply.json(detail);
    }

    private Reply write(HttpCall call, boolean create) throws Exception {
        JSONObject body = call.json();
        String group = create ? call.requiredField(body, "group") : call.pathParam("group");
        Optional<ClusterView.GroupEntry> existing = entry(group);
        if (create) {
            BodyFields.newName("group", group, existing.isPresent() && existing.get().config() != null,
                    "/api/groups/" + group);
        } else if (existing.isEmpty()) {
            throw missing(call);
        }
        SubscriptionGroupConfig config = config(group, body, existing.map(ClusterView.GroupEntry::config)
                .orElse(null));
        List<String> masters = masters(body, existing);
        for (String addr : masters) {
            context.admin().createAndUpdateSubscriptionGroupConfig(addr, config);
        }
        context.cluster().refreshSoon();
        return Reply.json(create ? 201 : 200, JSONObject.of("group", group, "config", config, "brokerAddrs",
                masters));
    }

    private List<String> masters(JSONObject body, Optional<ClusterView.GroupEntry> existing) {
        return BrokerTargets.masters(context.cluster().current(), BodyFields.text(body, "clusterName"),
                BodyFields.text(body, "brokerName"), existing.map(ClusterView.GroupEntry::brokers).orElse(List.of()));
    }

    /** {@code base}'s fields (RocketMQ's defaults when {@code null}) with those the body names. */
    private static SubscriptionGroupConfig config(String group, JSONObject body, SubscriptionGroupConfig base) {
        SubscriptionGroupConfig b = base != null ? base : new SubscriptionGroupConfig();
        SubscriptionGroupConfig c = new SubscriptionGroupConfig();
        c.setGroupName(group);
        c.setConsumeEnable(BodyFields.flag(body, "consumeEnable", b.isConsumeEnable()));
        c.setConsumeFromMinEnable(BodyFields.flag(body, "consumeFromMinEnable", b.isConsumeFromMinEnable()));
        c.setConsumeBroadcastEnable(BodyFields.flag(body, "consumeBroadcastEnable", b.isConsumeBroadcastEnable()));
        c.setNotifyConsumerIdsChangedEnable(BodyFields.flag(body, "notifyConsumerIdsChangedEnable",
                b.isNotifyConsumerIdsChangedEnable()));
        c.setRetryQueueNums((int) BodyFields.number(body, "retryQueueNums", b.getRetryQueueNums(), 0, 64));
        c.setRetryMaxTimes((int) BodyFields.number(body, "retryMaxTimes", b.getRetryMaxTimes(), -1, 1000));
        c.setBrokerId(BodyFields.number(body, "brokerId", b.getBrokerId(), 0, 1024));
        c.setWhichBrokerWhenConsumeSlowly(BodyFields.number(body, "whichBrokerWhenConsumeSlowly",
                b.getWhichBrokerWhenConsumeSlowly(), 0, 1024));
        return c;
    }

    private Reply delete(HttpCall call) throws Exception {
        ClusterView.GroupEntry entry = entry(call.pathParam("group")).orElseThrow(() -> missing(call));
        List<String> masters = BrokerTargets.masters(context.cluster().current(), call.param("clusterName"),
                call.param("brokerName"), entry.brokers());
        for (String addr : masters) {
            context.admin().deleteSubscriptionGroup(addr, entry.name());
        }
        context.cluster().refreshSoon();
        return Reply.json(JSONObject.of("group", entry.name(), "brokerAddrs", masters));
    }

    private Reply preview(HttpCall call)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        String group = known(call);
        long timestamp = call.longParam("timestamp", Long.MIN_VALUE, OffsetReset.END, Long.MAX_VALUE);
        if (timestamp == Long.MIN_VALUE) {
            throw ApiException.badRequest("query parameter 'timestamp' is required: epoch milliseconds to reset to, "
                    + "or -1 for the end of each queue");
        }
        String topic = call.param("topic", null);
        return Reply.json(JSONObject.of("group", group, "timestamp", timestamp, "moves",
                reset.preview(group, topic == null ? null : topic.trim(), timestamp)));
    }

    private Reply reset(HttpCall call)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        String group = known(call);
        JSONObject body = call.json();
        if (!body.containsKey("timestamp")) {
            throw ApiException.badRequest("field 'timestamp' is required: epoch milliseconds to reset to, or -1 for "
                    + "the end of each queue (skip the backlog)");
        }
        long timestamp = BodyFields.number(body, "timestamp", OffsetReset.END, OffsetReset.END, Long.MAX_VALUE);
        return Reply.json(JSONObject.of("group", group, "timestamp", timestamp, "moves",
                reset.apply(group, BodyFields.text(body, "topic"), timestamp)));
    }

    private String known(HttpCall call) {
        return entry(call.pathParam("group")).map(ClusterView.GroupEntry::name).orElseThrow(() -> missing(call));
    }

    private Optional<ClusterView.GroupEntry> entry(String group) {
        return context.cluster().current().groups().stream().filter(g -> g.name().equals(group)).findFirst();
    }

    private static ApiException missing(HttpCall call) {
        return ApiException.notFound("no consumer group " + call.pathParam("group") + " in the cluster (refresh the "
                + "Consumers page)");
    }
}
