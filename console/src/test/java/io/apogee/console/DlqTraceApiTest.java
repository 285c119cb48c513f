package io.apogee.console;

import static io.apogee.console.MessageFixture.ok;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dead letters and Message trace APIs over one broker: dead letters made by a consumer that always asks to
 * consume later with no retry allowed, listed, exported and resent; trace records in RocketMQ's format found by id.
 */
class DlqTraceApiTest {

    private static final String TOPIC = "DlqApiTopic";
    private static final String GROUP = "DlqApiGroup";

    private static ConsoleFixture fixture;
    private static MessageFixture messages;
    private static ApiClient admin;
    private static ApiClient viewer;
    private static final List<SendResult> sent = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start();
        messages = new MessageFixture(fixture, "DlqApiProducer");
        admin = fixture.admin();
        viewer = messages.viewer(admin, "dlqviewer");
        messages.createTopic(TOPIC, 2);
        DefaultMQPushConsumer failing = messages.consumer(GROUP, TOPIC, (msgs, context) ->
                ConsumeConcurrentlyStatus.RECONSUME_LATER);
        failing.setMaxReconsumeTimes(0);
        failing.start();
        try {
            for (int i = 0; i < 3; i++) {
                sent.add(messages.send(new Message(TOPIC, "dead", "dead-" + i,
                        ("dead letter, " + i).getBytes(StandardCharsets.UTF_8))));
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                ApiClient.Answer a = viewer.get("/api/dlq?group=" + GROUP);
                return a.status() == 200 && a.json().getIntValue("total") == 3;
            });
        } finally {
            failing.shutdown();
        }
    }

    @AfterAll
    static void stop() {
        try {
            messages.close();
        } finally {
            fixture.close();
        }
    }

    private static List<String> deadOffsetIds() throws Exception {
        List<String> ids = new ArrayList<>();
        ok(viewer.get("/api/dlq?group=" + GROUP)).getJSONArray("items")
                .forEach(o -> ids.add(((JSONObject) o).getString("offsetMsgId")));
        return ids;
    }

    @Test
    void deadLettersAreListedWithTheirOriginalTopicAndFiltered() throws Exception {
        JSONObject page = ok(viewer.get("/api/dlq?group=" + GROUP));
        JSONObject first = page.getJSONArray("items").getJSONObject(0);
        assertEquals("%DLQ%" + GROUP, first.getString("topic"));
        assertEquals(TOPIC, first.getString("originTopic"));
        assertEquals(1, ok(viewer.get("/api/dlq?group=" + GROUP + "&key=dead-1")).getIntValue("total"));
        assertEquals(1, ok(viewer.get("/api/dlq?group=" + GROUP + "&body=letter,%202")).getIntValue("total"));
        ApiClient.Answer unknown = viewer.get("/api/dlq?group=NoDeadLetters");
        assertEquals(404, unknown.status());
        assertTrue(unknown.error().contains("group NoDeadLetters has no dead letters"), unknown.error());
        assertEquals(400, viewer.get("/api/dlq").status());
    }

    @Test
    void deadLettersAreExportedAsJsonAndCsvAttachments() throws Exception {
        ApiClient.Answer json = viewer.get("/api/dlq/export?group=" + GROUP + "&format=json");
        assertEquals(200, json.status(), json.body());
        JSONArray rows = json.array();
        assertEquals(3, rows.size());
        assertTrue(rows.stream().map(JSONObject.class::cast).anyMatch(r -> r.getString("body").equals(
                "dead letter, 0")), json.body());

        HttpResponse<String> csv = rawGet("/api/dlq/export?group=" + GROUP + "&format=csv");
        assertEquals(200, csv.statusCode());
        assertEquals("attachment; filename=\"dlq-" + GROUP + ".csv\"",
                csv.headers().firstValue("Content-Disposition").orElseThrow());
        String[] lines = csv.body().split("\r\n");
        assertEquals(4, lines.length, csv.body());
        assertTrue(lines[0].startsWith("msgId,offsetMsgId,topic,originTopic"), lines[0]);
        assertTrue(csv.body().contains("\"dead letter, 1\""), csv.body());
        assertEquals(400, viewer.get("/api/dlq/export?group=" + GROUP + "&format=xml").status());
    }

    private static HttpResponse<String> rawGet(String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        http.send(HttpRequest.newBuilder(URI.create(fixture.url() + "api/login")).POST(HttpRequest.BodyPublishers
                .ofString(JSONObject.of("username", "dlqviewer", "password", "viewer-password").toJSONString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        return http.send(HttpRequest.newBuilder(URI.create(fixture.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void selectedDeadLettersAreResentWithAResultPerMessage() throws Exception {
        List<String> ids = deadOffsetIds();
        JSONObject request = JSONObject.of("group", GROUP, "target", "TOPIC", "msgIds", List.of(ids.get(0),
                ids.get(1), "0A0000010000000000000000000000FF"));
        assertEquals(403, viewer.post("/api/dlq/resend", request).status());
        JSONObject answer = ok(admin.post("/api/dlq/resend", request));
        assertEquals(2, answer.getIntValue("ok"), answer.toString());
        assertEquals(1, answer.getIntValue("failed"));
        JSONArray results = answer.getJSONArray("results");
        JSONObject resent = results.getJSONObject(0);
        assertTrue(resent.getBooleanValue("ok"));
        assertEquals(TOPIC, resent.getString("topic"));
        assertFalse(resent.getString("newMsgId").isEmpty());
        assertFalse(results.getJSONObject(2).getBooleanValue("ok"));
        assertTrue(results.getJSONObject(2).getString("error").contains("no message with id"),
                results.getJSONObject(2).toString());

        JSONObject copy = ok(viewer.get("/api/messages/detail?topic=" + TOPIC + "&msgId="
                + resent.getString("newMsgId")));
        assertEquals(TOPIC, copy.getString("topic"));
        assertTrue(copy.getString("bodyText").startsWith("dead letter, "), copy.toString());
        assertTrue(copy.getJSONObject("properties").containsKey("ORIGIN_MESSAGE_ID"), copy.toString());
        assertFalse(copy.getJSONObject("properties").containsKey("RETRY_TOPIC"), copy.toString());

        JSONObject retry = ok(admin.post("/api/dlq/resend", JSONObject.of("group", GROUP, "target", "retry",
                "msgIds", List.of(ids.get(2)))));
        assertEquals("%RETRY%" + GROUP, retry.getJSONArray("results").getJSONObject(0).getString("topic"),
                retry.toString());

        ApiClient.Answer badTarget = admin.post("/api/dlq/resend", JSONObject.of("group", GROUP, "target", "x",
                "msgIds", ids));
        assertEquals(400, badTarget.status());
        assertTrue(badTarget.error().contains("'target' must be TOPIC"), badTarget.error());
        assertEquals(400, admin.post("/api/dlq/resend", JSONObject.of("group", GROUP, "msgIds", List.of()))
                .status());
        ApiClient.Answer tooMany = admin.post("/api/dlq/resend", JSONObject.of("group", GROUP, "msgIds",
                Collections.nCopies(101, ids.get(0))));
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.error().contains("at most 100"), tooMany.error());
    }

    @Test
    void traceRecordsOfAMessageAreFoundAndWithoutATraceTopicTheAnswerSaysHowToEnableIt() throws Exception {
        JSONObject none = ok(viewer.get("/api/trace?msgId=" + sent.get(0).getMsgId()));
        assertFalse(none.getBooleanValue("traceTopicExists"));
        assertTrue(none.getString("hint").contains("enableMsgTrace"), none.toString());
        assertTrue(none.getString("hint").contains("traceTopicEnable"), none.toString());

        String traceTopic = "DlqApiTraceTopic";
        messages.createTopic(traceTopic, 1);
        String msgId = sent.get(1).getMsgId();
        long now = System.currentTimeMillis();
        char f = 1;
        char end = 2;
        String pub = String.join(String.valueOf(f), "Pub", String.valueOf(now), "DefaultRegion", "DlqApiProducer",
                TOPIC, msgId, "dead", "dead-1", "127.0.0.1:10911", "14", "3", "0", sent.get(1).getOffsetMsgId(),
                "true", "10.0.0.9") + end;
        String before = String.join(String.valueOf(f), "SubBefore", String.valueOf(now + 5), "DefaultRegion",
                GROUP, "req-1", msgId, "0", "dead-1") + end;
        String after = String.join(String.valueOf(f), "SubAfter", "req-1", msgId, "7", "false", "dead-1", "1",
                String.valueOf(now + 12), GROUP) + end;
        Message publish = new Message(traceTopic, null, msgId, pub.getBytes(StandardCharsets.UTF_8));
        messages.send(publish);
        messages.send(new Message(traceTopic, null, msgId, (before + after).getBytes(StandardCharsets.UTF_8)));

        String path = "/api/trace?msgId=" + msgId + "&traceTopic=" + traceTopic;
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(viewer.get(path)).getJSONArray("events").size() == 2);
        JSONArray events = ok(viewer.get(path)).getJSONArray("events");
        JSONObject sentEvent = events.getJSONObject(0);
        assertEquals("Pub", sentEvent.getString("type"));
        assertEquals("10.0.0.9", sentEvent.getString("clientHost"));
        assertEquals(3, sentEvent.getIntValue("costTime"));
        assertTrue(sentEvent.getBooleanValue("success"));
        JSONObject consumed = events.getJSONObject(1);
        assertEquals("Sub", consumed.getString("type"));
        assertEquals(GROUP, consumed.getString("group"));
        assertEquals(7, consumed.getIntValue("costTime"));
        assertFalse(consumed.getBooleanValue("success"));
        assertTrue(consumed.getBooleanValue("finished"));
        assertFalse(consumed.getString("clientHost").isEmpty(), "the trace message's born host");

        JSONObject nothing = ok(viewer.get("/api/trace?msgId=" + sent.get(2).getMsgId() + "&traceTopic="
                + traceTopic));
        assertTrue(nothing.getBooleanValue("traceTopicExists"));
        assertTrue(nothing.getString("hint").startsWith("no trace record of"), nothing.toString());
        assertEquals(400, viewer.get("/api/trace").status());
    }
}
