package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.admin.BrokerOverview;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import io.apogee.console.view.ClusterView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Dashboard: {@code GET /api/dashboard} (totals, each broker's TPS, top topics by TPS, top groups by lag) and the
 * trends kept by the console, {@code GET /api/dashboard/broker?key=broker-a/0&days=} and
 * {@code GET /api/dashboard/topic?topic=&days=} ({@code [time, tps]} pairs).
 */
final class DashboardApi implements ApiModule {

    static final int TOP = 10;

    private final Apis.Context context;

    DashboardApi(Apis.Context context) {
        this.context = context;
    }

    @Override
    public void register(Router router) {
        router.get("/api/dashboard", Role.VIEWER, this::dashboard)
                .get("/api/dashboard/broker", Role.VIEWER, this::brokerTrend)
                .get("/api/dashboard/topic", Role.VIEWER, this::topicTrend);
    }

    private Reply dashboard(HttpCall call) {
        ClusterView.Snapshot snapshot = context.cluster().current();
        double inTps = 0;
        double outTps = 0;
        long inToday = 0;
        long outToday = 0;
        List<JSONObject> brokers = new ArrayList<>();
        for (BrokerOverview b : snapshot.cluster().brokers()) {
            JSONObject row = JSONObject.of("key", b.brokerName() + "/" + b.brokerId(), "addr", b.addr());
            if (b.answered()) {
                row.put("inTps", b.figures().inTps());
                row.put("outTps", b.figures().outTps());
                inTps += b.figures().inTps();
                outTps += b.figures().outTps();
                inToday += b.figures().inTotalToday();
                outToday += b.figures().outTotalToday();
            } else {
                row.put("error", b.error());
            }
            brokers.add(row);
        }
        List<JSONObject> topTopics = context.history().topTopics(TOP).stream()
                .map(e -> JSONObject.of("topic", e.getKey(), "tps", e.getValue())).toList();
        List<JSONObject> topGroups = snapshot.groups().stream().filter(g -> g.lag() != null)
                .sorted(Comparator.comparingLong((ClusterView.GroupEntry g) -> g.lag()).reversed()).limit(TOP)
                .map(g -> JSONObject.of("group", g.name(), "lag", g.lag(), "consumeTps", g.consumeTps())).toList();
        JSONObject totals = JSONObject.of("brokers", snapshot.cluster().brokers().size(), "topics",
                snapshot.topics().size(), "groups", snapshot.groups().size(), "inTps", inTps, "outTps", outTps);
        totals.put("inToday", inToday);
        totals.put("outToday", outToday);
        return Reply.json(JSONObject.of("takenAt", snapshot.takenAt(), "totals", totals, "brokers", brokers,
                "topTopics", topTopics, "topGroups", topGroups, "errors", snapshot.errors()));
    }

    private Reply brokerTrend(HttpCall call) {
        String key = call.requiredParam("key");
        if (!context.history().brokerKeys().contains(key)) {
            throw ApiException.notFound("no trend of broker " + key + " yet (keys are <brokerName>/<brokerId>)");
        }
        long from = from(call);
        return Reply.json(JSONObject.of("key", key, "in", context.history().broker(key, "in", from), "out",
                context.history().broker(key, "out", from)));
    }

    private Reply topicTrend(HttpCall call) {
        String topic = call.requiredParam("topic");
        return Reply.json(JSONObject.of("topic", topic, "tps", context.history().topic(topic, from(call))));
    }

    private long from(HttpCall call) {
        long days = call.longParam("days", 1, 1, context.config().historyDays());
        return System.currentTimeMillis() - days * 86_400_000L;
    }
}
