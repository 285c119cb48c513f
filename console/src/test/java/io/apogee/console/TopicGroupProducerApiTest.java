package io.apogee.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Topics, Consumers and Producers API over one broker: lists, writes, roles, offsets and clear errors. */
class TopicGroupProducerApiTest {

    private static ConsoleFixture fixture;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start();
        admin = fixture.admin();
        assertEquals(201, admin.post("/api/users", JSONObject.of("username", "viewer2", "password",
                "viewer-password", "role", "viewer")).status());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static JSONObject ok(ApiClient.Answer answer) {
        assertTrue(answer.status() / 100 == 2, answer.status() + " " + answer.body());
        return answer.json();
    }

    @Test
    void topicsArePagedSearchedAndFilteredByTypeFromTheSnapshot() throws Exception {
        for (int i = 0; i < 3; i++) {
            ok(admin.post("/api/topics", JSONObject.of("topic", "PagedTopic" + i, "writeQueueNums", 2,
                    "readQueueNums", 2)));
        }
        ok(admin.post("/api/topics", JSONObject.of("topic", "PagedOrdered", "order", true)));
        JSONObject page = ok(admin.get("/api/topics?search=pagedtopic&limit=2&refresh=1"));
        assertEquals(3, page.getIntValue("total"));
        assertEquals(2, page.getJSONArray("items").size());
        assertEquals("PagedTopic0", page.getJSONArray("items").getJSONObject(0).getString("topic"));
        assertEquals(2, page.getJSONArray("items").getJSONObject(0).getIntValue("writeQueueNums"));
        JSONObject next = ok(admin.get("/api/topics?search=pagedtopic&limit=2&offset=2"));
        assertEquals("PagedTopic2", next.getJSONArray("items").getJSONObject(0).getString("topic"));

        JSONObject ordered = ok(admin.get("/api/topics?search=Paged&type=ordered"));
        assertEquals(1, ordered.getIntValue("total"));
        assertEquals("ordered", ordered.getJSONArray("items").getJSONObject(0).getString("type"));
        JSONObject system = ok(admin.get("/api/topics?type=system&limit=500"));
        assertTrue(system.getJSONArray("items").stream().anyMatch(t -> ((JSONObject) t).getString("topic")
                .equals("TBW102")), system.toString());

        ApiClient.Answer badType = admin.get("/api/topics?type=weird");
        assertEquals(400, badType.status());
        assertTrue(badType.error().contains("type must be one of [normal, ordered, retry, dlq, delay, transaction, "
                + "system]"), badType.error());
        assertEquals(400, admin.get("/api/topics?limit=0").status());
    }

    @Test
    void topicCreateUpdateRouteStatusSendAndDelete() throws Exception {
        JSONObject created = ok(admin.post("/api/topics", JSONObject.of("topic", "LifeTopic", "writeQueueNums", 4,
                "readQueueNums", 4, "perm", 6)));
        assertEquals(1, created.getJSONArray("brokerAddrs").size());
        ApiClient.Answer again = admin.post("/api/topics", JSONObject.of("topic", "LifeTopic"));
        assertEquals(409, again.status());
        assertTrue(again.error().contains("PUT /api/topics/LifeTopic"), again.error());
        ok(admin.get("/api/topics?refresh=1"));

        ApiClient.Answer badPerm = admin.put("/api/topics/LifeTopic", JSONObject.of("perm", 5));
        assertEquals(400, badPerm.status());
        assertTrue(badPerm.error().startsWith("field 'perm' must be 2"), badPerm.error());
        ApiClient.Answer badQueues = admin.put("/api/topics/LifeTopic", JSONObject.of("writeQueueNums", "many"));
        assertEquals(400, badQueues.status());
        assertTrue(badQueues.error().contains("'writeQueueNums' must be a whole number"), badQueues.error());
        assertEquals(400, admin.post("/api/topics", JSONObject.of("topic", "bad topic!")).status());
        ApiClient.Answer badBroker = admin.post("/api/topics", JSONObject.of("topic", "T2", "brokerName", "nope"));
        assertEquals(404, badBroker.status());
        assertTrue(badBroker.error().contains("broker-a"), badBroker.error());

        ok(admin.put("/api/topics/LifeTopic", JSONObject.of("writeQueueNums", 3, "readQueueNums", 3)));
        ApiClient.Answer routeAnswer = admin.get("/api/topics/LifeTopic/route");
        JSONObject route = ok(routeAnswer);
        assertEquals(3, route.getJSONArray("queues").getJSONObject(0).getIntValue("writeQueueNums"));
        assertEquals("broker-a", route.getJSONArray("brokers").getJSONObject(0).getString("brokerName"));
        assertTrue(routeAnswer.body().contains("\"0\":\"" + fixture.cluster().brokerAddr("broker-a") + "\""),
                "strict JSON, as a browser parses it: string keys; " + routeAnswer.body());

        JSONObject sent = ok(admin.post("/api/topics/LifeTopic/send", JSONObject.of("body", "hello", "tags", "TagA",
                "keys", "k1")));
        assertEquals("SEND_OK", sent.getString("status"));
        assertNotNull(sent.getString("msgId"));
        assertEquals("broker-a", sent.getString("brokerName"));
        ApiClient.Answer noBody = admin.post("/api/topics/LifeTopic/send", JSONObject.of("tags", "x"));
        assertEquals(400, noBody.status());
        assertTrue(noBody.error().contains("'body'"));

        await().atMost(Duration.ofSeconds(30)).until(() -> ok(admin.get("/api/topics/LifeTopic/status"))
                .getJSONArray("queues").stream().mapToLong(q -> ((JSONObject) q).getLongValue("maxOffset")).sum()
                == 1);
        JSONObject status = ok(admin.get("/api/topics/LifeTopic/status"));
        assertEquals(3, status.getJSONArray("queues").size());

        JSONObject deleted = ok(admin.delete("/api/topics/LifeTopic"));
        assertEquals(JSONArray.of(fixture.cluster().clusterName()), deleted.getJSONArray("clusters"));
        assertEquals(0, ok(admin.get("/api/topics?search=LifeTopic&refresh=1")).getIntValue("total"));
        ApiClient.Answer gone = admin.get("/api/topics/LifeTopic/route");
        assertEquals(404, gone.status());
        assertTrue(gone.error().contains("no topic LifeTopic"), gone.error());
        assertEquals(404, admin.put("/api/topics/LifeTopic", JSONObject.of("perm", 6)).status());
    }

    @Test
    void aViewerReadsButCannotWrite() throws Exception {
        ApiClient viewer = new ApiClient(fixture.url());
        viewer.login("viewer2", "viewer-password");
        assertEquals(200, viewer.get("/api/topics").status());
        assertEquals(200, viewer.get("/api/groups").status());
        for (ApiClient.Answer refused : new ApiClient.Answer[] {
            viewer.post("/api/topics", JSONObject.of("topic", "ViewerTopic")),
            viewer.delete("/api/topics/TBW102"),
            viewer.post("/api/topics/TBW102/send", JSONObject.of("body", "x")),
            viewer.post("/api/groups", JSONObject.of("group", "ViewerGroup")),
            viewer.post("/api/groups/any/reset", JSONObject.of("timestamp", -1))}) {
            assertEquals(403, refused.status(), refused.body());
            assertTrue(refused.error().contains("this needs OPERATOR"), refused.error());
        }
    }

    @Test
    void groupsShowLagOrWhyItIsUnknownAndResetWithAPreview() throws Exception {
        ok(admin.post("/api/topics", JSONObject.of("topic", "ResetTopic", "writeQueueNums", 2, "readQueueNums", 2)));
        ok(admin.get("/api/topics?refresh=1"));
        for (int i = 0; i < 6; i++) {
            ok(admin.post("/api/topics/ResetTopic/send", JSONObject.of("body", "m" + i)));
        }
        JSONObject group = ok(admin.post("/api/groups", JSONObject.of("group", "ResetGroup", "retryMaxTimes", 3)));
        assertEquals(3, group.getJSONObject("config").getIntValue("retryMaxTimes"));
        ApiClient.Answer badRetry = admin.post("/api/groups", JSONObject.of("group", "G2", "retryQueueNums", -3));
        assertEquals(400, badRetry.status());
        assertTrue(badRetry.error().contains("'retryQueueNums' must be between 0 and 64"), badRetry.error());

        JSONObject listed = ok(admin.get("/api/groups?search=ResetGroup&refresh=1")).getJSONArray("items")
                .getJSONObject(0);
        assertFalse(listed.containsKey("lag"), "no -1 lag: " + listed);
        assertTrue(listed.getString("lagUnknown").contains("no offset"), listed.toString());
        JSONObject detail = ok(admin.get("/api/groups/ResetGroup"));
        assertFalse(detail.getJSONObject("connection").getBooleanValue("online"));
        assertTrue(detail.getJSONObject("connection").getString("reason").contains("ResetGroup"));

        ApiClient.Answer noTime = admin.get("/api/groups/ResetGroup/reset-preview?topic=ResetTopic");
        assertEquals(400, noTime.status());
        assertTrue(noTime.error().contains("'timestamp' is required"), noTime.error());
        assertEquals(404, admin.get("/api/groups/NoSuchGroup/reset-preview?timestamp=-1").status());

        JSONObject skipPreview = ok(admin.get("/api/groups/ResetGroup/reset-preview?topic=ResetTopic&timestamp=-1"));
        JSONArray moves = skipPreview.getJSONArray("moves");
        assertEquals(2, moves.size());
        assertEquals(6, moves.stream().mapToLong(m -> ((JSONObject) m).getLongValue("target")).sum());
        JSONObject skipped = ok(admin.post("/api/groups/ResetGroup/reset", JSONObject.of("topic", "ResetTopic",
                "timestamp", -1)));
        assertEquals(6, skipped.getJSONArray("moves").stream().mapToLong(m -> ((JSONObject) m).getLongValue(
                "target")).sum());
        await().atMost(Duration.ofSeconds(30)).until(() -> lagOf("ResetGroup") != null && lagOf("ResetGroup") == 0);

        JSONObject back = ok(admin.get("/api/groups/ResetGroup/reset-preview?topic=ResetTopic&timestamp=0"));
        for (Object m : back.getJSONArray("moves")) {
            JSONObject move = (JSONObject) m;
            assertEquals(move.getLongValue("maxOffset"), move.getLongValue("current"), move.toString());
            assertEquals(0, move.getLongValue("target"), move.toString());
        }
        ok(admin.post("/api/groups/ResetGroup/reset", JSONObject.of("topic", "ResetTopic", "timestamp", 0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> lagOf("ResetGroup") != null && lagOf("ResetGroup") == 6);

        JSONObject consumers = ok(admin.get("/api/topics/ResetTopic/consumers"));
        JSONObject row = consumers.getJSONArray("groups").stream().map(JSONObject.class::cast)
                .filter(g -> g.getString("group").equals("ResetGroup")).findFirst().orElseThrow();
        assertTrue(row.containsKey("lag") || row.getString("lagUnknown") != null, row.toString());

        ok(admin.put("/api/groups/ResetGroup", JSONObject.of("consumeEnable", false)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !ok(admin.get("/api/groups?search=ResetGroup&refresh=1"))
                .getJSONArray("items").getJSONObject(0).getJSONObject("config").getBooleanValue("consumeEnable"));
        ok(admin.delete("/api/groups/ResetGroup"));
        JSONObject after = ok(admin.get("/api/groups?search=ResetGroup&refresh=1"));
        assertTrue(after.getIntValue("total") == 0 || after.getJSONArray("items").getJSONObject(0)
                .get("config") == null, after.toString());
    }

    @Test
    void anOnlineGroupShowsItsClientsSubscriptionsProgressAndRunningInfo() throws Exception {
        ok(admin.post("/api/topics", JSONObject.of("topic", "OnlineTopic", "writeQueueNums", 2, "readQueueNums", 2)));
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("OnlineGroup");
        consumer.setNamesrvAddr(fixture.cluster().namesrvAddr());
        consumer.setInstanceName("OnlineGroupConsumer");
        consumer.subscribe("OnlineTopic", "TagA || TagB");
        AtomicInteger consumed = new AtomicInteger();
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            consumed.addAndGet(msgs.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ok(admin.get("/api/groups?search=OnlineGroup&refresh=1"))
                    .getIntValue("total") > 0);
            ok(admin.post("/api/topics/OnlineTopic/send", JSONObject.of("body", "x", "tags", "TagA")));
            await().atMost(Duration.ofSeconds(60)).until(() -> consumed.get() == 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> ok(admin.get("/api/groups/OnlineGroup"))
                    .getJSONObject("connection").getBooleanValue("online"));
            JSONObject detail = ok(admin.get("/api/groups/OnlineGroup"));
            JSONObject connection = detail.getJSONObject("connection");
            assertEquals("CONSUME_PASSIVELY", connection.getString("consumeType"));
            assertEquals("CLUSTERING", connection.getString("messageModel"));
            JSONObject client = connection.getJSONArray("clients").getJSONObject(0);
            assertEquals("JAVA", client.getString("language"));
            assertTrue(client.getIntValue("version") > 0, client.toString());
            assertTrue(connection.getJSONArray("subscriptions").stream().map(JSONObject.class::cast).anyMatch(
                    sub -> sub.getString("topic").equals("OnlineTopic") && sub.getString("expression").equals(
                    "TagA || TagB")), connection.toString());

            ApiClient.Answer info = admin.get("/api/groups/OnlineGroup/client?clientId=" + java.net.URLEncoder
                    .encode(client.getString("clientId"), java.nio.charset.StandardCharsets.UTF_8));
            JSONObject running = ok(info);
            assertTrue(running.getJSONObject("properties").size() > 0, info.body());
            assertTrue(running.getJSONArray("queues").stream().map(JSONObject.class::cast)
                    .anyMatch(q -> q.getString("topic").equals("OnlineTopic")), info.body());
            assertEquals(400, admin.get("/api/groups/OnlineGroup/client").status());

            await().atMost(Duration.ofSeconds(60)).until(() -> ok(admin.get("/api/groups/OnlineGroup"))
                    .getJSONObject("progress").getJSONArray("queues").stream().map(JSONObject.class::cast)
                    .filter(q -> q.getString("topic").equals("OnlineTopic"))
                    .mapToLong(q -> q.getLongValue("consumerOffset")).sum() == 1);
            assertEquals(0, ok(admin.get("/api/groups/OnlineGroup")).getJSONObject("progress").getLongValue("lag"));
        } finally {
            consumer.shutdown();
        }
    }

    private static Long lagOf(String group) throws Exception {
        JSONObject row = ok(admin.get("/api/groups?search=" + group + "&refresh=1")).getJSONArray("items")
                .getJSONObject(0);
        return row.containsKey("lag") ? row.getLong("lag") : null;
    }

    @Test
    void producersOfAGroupOnATopicAndClearErrors() throws Exception {
        ok(admin.post("/api/topics", JSONObject.of("topic", "ProducedTopic")));
        ok(admin.get("/api/topics?refresh=1"));
        ok(admin.post("/api/topics/ProducedTopic/send", JSONObject.of("body", "x")));
        JSONObject producers = ok(admin.get("/api/producers?group=ApogeeConsoleProducer&topic=ProducedTopic"));
        JSONObject client = producers.getJSONArray("clients").getJSONObject(0);
        assertEquals("JAVA", client.getString("language"));
        assertTrue(client.getIntValue("version") > 0);
        assertNotNull(client.getString("clientAddr"));

        ApiClient.Answer noGroup = admin.get("/api/producers?topic=ProducedTopic");
        assertEquals(400, noGroup.status());
        assertEquals("query parameter 'group' is required", noGroup.error());
        ApiClient.Answer offline = admin.get("/api/producers?group=NobodyHere&topic=ProducedTopic");
        assertEquals(404, offline.status());
        assertTrue(offline.error().contains("no producer of group NobodyHere"), offline.error());
        ApiClient.Answer noTopic = admin.get("/api/producers?group=x&topic=NoSuchTopic");
        assertEquals(404, noTopic.status());
        assertTrue(noTopic.error().contains("no topic NoSuchTopic"), noTopic.error());
    }
}
