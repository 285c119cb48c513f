package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.admin.BrokerFigures;
import io.apogee.client.admin.BrokerOverview;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import io.apogee.console.view.ClusterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Cluster page: {@code GET /api/cluster} lists every broker (cluster, name, id, address, version, role, TPS,
 * today's and yesterday's counts, disk use) from the snapshot; {@code GET /api/cluster/broker/config?addr=} and
 * {@code /runtime?addr=} ask one broker live; {@code PUT /api/cluster/broker/config} changes broker keys (admin).
 */
final class ClusterApi implements ApiModule {

    private final Apis.Context context;

    ClusterApi(Apis.Context context) {
        this.context = context;
    }

    @Override
    public void register(Router router) {
        router.get("/api/cluster", Role.VIEWER, this::cluster)
                .get("/api/cluster/broker/config", Role.VIEWER, call -> Reply.json(new TreeMap<>(
                        toMap(context.admin().getBrokerConfig(knownBroker(call))))))
                .get("/api/cluster/broker/runtime", Role.VIEWER, call -> Reply.json(new TreeMap<>(
                        context.admin().fetchBrokerRuntimeStats(knownBroker(call)))))
                .put("/api/cluster/broker/config", Role.ADMIN, this::updateConfig);
    }

    private Reply cluster(HttpCall call) throws InterruptedException {
        ClusterView.Snapshot snapshot = call.param("refresh") != null ? context.cluster().refreshNow()
                : context.cluster().current();
        List<JSONObject> brokers = new ArrayList<>();
        for (BrokerOverview b : snapshot.cluster().brokers()) {
            JSONObject row = JSONObject.of("clusterName", b.clusterName(), "brokerName", b.brokerName(),
                    "brokerId", b.brokerId(), "addr", b.addr(), "role", b.master() ? "MASTER" : "SLAVE");
            BrokerFigures f = b.figures();
            if (f != null) {
                row.put("version", f.version());
                row.put("inTps", f.inTps());
                row.put("outTps", f.outTps());
                row.put("inTotalToday", f.inTotalToday());
                row.put("outTotalToday", f.outTotalToday());
                row.put("inTotalYesterday", f.inTotalYesterday());
                row.put("outTotalYesterday", f.outTotalYesterday());
                row.put("diskRatio", f.diskRatio());
                row.put("storedHours", f.storedHours());
            } else {
                row.put("error", b.error());
            }
            brokers.add(row);
        }
        return Reply.json(JSONObject.of("takenAt", snapshot.takenAt(), "brokers", brokers, "errors",
                snapshot.errors()));
    }

    private Reply updateConfig(HttpCall call) throws Exception {
        JSONObject body = call.json();
        String addr = known(call.requiredField(body, "brokerAddr"));
        JSONObject keys = body.getJSONObject("config");
        if (keys == null || keys.isEmpty()) {
            throw ApiException.badRequest("field 'config' must be an object of broker keys and values");
        }
        Properties properties = new Properties();
        keys.forEach((k, v) -> properties.setProperty(k, String.valueOf(v)));
        context.admin().updateBrokerConfig(addr, properties);
        return Reply.noContent();
    }

    private String knownBroker(HttpCall call) {
        return known(call.requiredParam("addr"));
    }

    /** Only addresses of brokers the NameServers list may be asked: the console is no proxy to anywhere. */
    private String known(String addr) {
        boolean listed = context.cluster().current().cluster().brokers().stream().anyMatch(b -> b.addr().equals(
                addr));
        if (!listed) {
            throw ApiException.notFound("no broker " + addr + " in the cluster (refresh the Cluster page)");
        }
        return addr;
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
