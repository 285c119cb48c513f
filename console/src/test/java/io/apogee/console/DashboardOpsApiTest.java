package io.apogee.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.common.message.Message;
import io.apogee.console.history.TpsHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Dashboard's totals and trends, and the Ops page's NameServer switch and health summary, over HTTP. */
class DashboardOpsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ConsoleFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theDashboardSamplesBrokerAndTopicTps() throws Exception {
        ApiClient admin = fixture.admin();
        String topic = "DashboardTopic";
        DefaultMQProducer producer = new DefaultMQProducer("DashboardPg");
        producer.setNamesrvAddr(fixture.cluster().namesrvAddr());
        producer.start();
        try {
            producer.send(new Message(topic, "first".getBytes(StandardCharsets.UTF_8)));
            await().atMost(WAIT).until(() -> topTopics(admin).stream().anyMatch(t -> ((JSONObject) t)
                    .getString("topic").equals(topic)));
            await().atMost(WAIT).until(() -> {
                producer.send(new Message(topic, "more".getBytes(StandardCharsets.UTF_8)));
                return topTopics(admin).stream().map(JSONObject.class::cast).anyMatch(t -> t.getString("topic")
                        .equals(topic) && t.getDoubleValue("tps") > 0);
            });
        } finally {
            producer.shutdown();
        }
        JSONObject dashboard = admin.get("/api/dashboard").json();
        assertEquals(1, dashboard.getJSONObject("totals").getIntValue("brokers"));
        assertTrue(dashboard.getJSONObject("totals").getIntValue("topics") >= 1);
        JSONObject trend = admin.get("/api/dashboard/broker?key=broker-a/0&days=7").json();
        assertFalse(trend.getJSONArray("in").isEmpty(), trend::toString);
        assertFalse(admin.get("/api/dashboard/topic?topic=" + topic).json().getJSONArray("tps").isEmpty());
        assertEquals(404, admin.get("/api/dashboard/broker?key=nope/0").status());
        assertEquals(400, admin.get("/api/dashboard/broker?key=broker-a/0&days=8").status());
    }

    @Test
    void theHistoryIsKeptAcrossARestartOfTheConsole() throws Exception {
        var dir = Files.createTempDirectory(fixture.dataDir(), "history");
        TpsHistory history = new TpsHistory(dir, 7);
        long now = System.currentTimeMillis();
        history.recordBroker("broker-a/0", now, 12.5, 3);
        history.recordTopic("KeptTopic", now, 7);
        history.save();
        TpsHistory reloaded = new TpsHistory(dir, 7);
        assertEquals(12.5, reloaded.broker("broker-a/0", "in", now - 60_000).get(0)[1], 0.001);
        assertEquals(7, reloaded.topic("KeptTopic", now - 600_000).get(0)[1], 0.001);
    }

    @Test
    void opsShowsTheNamesrvAndSwitchesOnlyToOneThatAnswers() throws Exception {
        ApiClient admin = fixture.admin();
        JSONObject ops = admin.get("/api/ops").json();
        String namesrv = fixture.cluster().namesrvAddr();
        assertEquals(namesrv, ops.getString("namesrvAddr"));
        assertTrue(ops.getJSONArray("namesrvs").getJSONObject(0).getBooleanValue("listening"));
        await().atMost(WAIT).until(() -> admin.get("/api/ops").json().getJSONObject("health")
                .getBooleanValue("healthy"));

        ApiClient.Answer refused = admin.put("/api/ops/namesrv", JSONObject.of("namesrvAddr", "127.0.0.1:1"));
        assertEquals(502, refused.status(), refused.body());
        assertTrue(refused.error().contains("still using " + namesrv), refused.body());
        ApiClient.Answer comma = admin.put("/api/ops/namesrv", JSONObject.of("namesrvAddr", "a:1,b:2"));
        assertEquals(400, comma.status());
        assertTrue(comma.error().contains("use ';'"), comma.body());
        assertEquals(namesrv, admin.get("/api/ops").json().getString("namesrvAddr"));

        ApiClient.Answer same = admin.put("/api/ops/namesrv", JSONObject.of("namesrvAddr", namesrv));
        assertEquals(200, same.status(), same.body());
        assertTrue(admin.get("/api/ops").json().getJSONArray("known").contains(namesrv));
    }

    @Test
    void theVipChannelSwitchReconnectsAndTlsIsKeptOffWhenTheClusterHasNoTls() throws Exception {
        ApiClient admin = fixture.admin();
        ApiClient.Answer vip = admin.put("/api/ops/settings", JSONObject.of("vipChannelEnabled", true));
        assertEquals(200, vip.status(), vip.body());
        assertTrue(admin.get("/api/ops").json().getBooleanValue("vipChannelEnabled"));
        assertEquals(200, admin.get("/api/cluster/broker/runtime?addr=" + fixture.cluster().brokerAddr("broker-a"))
                .status(), "admin calls work on the VIP port");

        ApiClient.Answer tls = admin.put("/api/ops/settings", JSONObject.of("useTLS", true));
        assertEquals(502, tls.status(), tls.body());
        assertTrue(tls.error().contains("kept vipChannelEnabled=true, useTLS=false"), tls.body());
        assertFalse(admin.get("/api/ops").json().getBooleanValue("useTLS"));

        assertEquals(200, admin.put("/api/ops/settings", JSONObject.of("vipChannelEnabled", false)).status());
        await().atMost(WAIT).until(() -> admin.get("/api/cluster?refresh=1").json().getJSONArray("errors")
                .isEmpty());
    }

    private static JSONArray topTopics(ApiClient admin) throws Exception {
        return admin.get("/api/dashboard").json().getJSONArray("topTopics");
    }
}
