package io.apogee.console;

import static io.apogee.console.MessageFixture.ok;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Messages API over one broker: by time, key and id, filters, detail, consume status, resend and live tail. */
class MessageApiTest {

    private static final String TOPIC = "MsgApiTopic";
    private static final int SENT = 10;

    private static ConsoleFixture fixture;
    private static MessageFixture messages;
    private static ApiClient admin;
    private static ApiClient viewer;
    private static long begin;
    private static long end;
    private static final List<SendResult> sent = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start();
        messages = new MessageFixture(fixture, "MsgApiProducer");
        admin = fixture.admin();
        viewer = messages.viewer(admin, "msgviewer");
        messages.createTopic(TOPIC, 4);
        begin = System.currentTimeMillis() - 1;
        for (int i = 0; i < SENT; i++) {
            Message m = new Message(TOPIC, i % 2 == 0 ? "A" : "B", "k-" + i,
                    ("{\"n\":" + i + ",\"text\":\"hello " + i + "\"}").getBytes(StandardCharsets.UTF_8));
            if (i % 2 == 0) {
                m.putProperty("color", "red");
            }
            sent.add(messages.send(m));
        }
        end = System.currentTimeMillis() + 1;
    }

    @AfterAll
    static void stop() {
        try {
            messages.close();
        } finally {
            fixture.close();
        }
    }

    private static String range() {
        return "topic=" + TOPIC + "&begin=" + begin + "&end=" + end;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aTimeRangeIsReadNewestFirstPagedAndFiltered() throws Exception {
        JSONObject page = ok(viewer.get("/api/messages?" + range() + "&limit=4"));
        assertEquals(SENT, page.getIntValue("total"));
        assertEquals(SENT, page.getIntValue("read"));
        assertFalse(page.getBooleanValue("truncated"));
        JSONArray items = page.getJSONArray("items");
        assertEquals(4, items.size());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.getJSONObject(i - 1).getLongValue("storeTimestamp")
                    >= items.getJSONObject(i).getLongValue("storeTimestamp"), items.toString());
        }
        assertEquals("broker-a", items.getJSONObject(0).getString("brokerName"));
        JSONObject rest = ok(viewer.get("/api/messages?" + range() + "&limit=4&offset=8"));
        assertEquals(2, rest.getJSONArray("items").size());

        assertEquals(5, ok(viewer.get("/api/messages?" + range() + "&tag=A")).getIntValue("total"));
        assertEquals(5, ok(viewer.get("/api/messages?" + range() + "&property=color%3Dred")).getIntValue("total"));
        assertEquals(5, ok(viewer.get("/api/messages?" + range() + "&property=color")).getIntValue("total"));
        JSONObject byBody = ok(viewer.get("/api/messages?" + range() + "&body=" + enc("hello 7")));
        assertEquals(1, byBody.getIntValue("total"));
        assertEquals("k-7", byBody.getJSONArray("items").getJSONObject(0).getString("keys"));
        assertEquals(1, ok(viewer.get("/api/messages?" + range() + "&key=k-3")).getIntValue("total"));
        assertEquals(0, ok(viewer.get("/api/messages?topic=" + TOPIC + "&begin=0&end=" + (begin - 60_000)))
                .getIntValue("total"));
    }

    @Test
    void aRangeLargerThanOneRequestReadsIsCutToTheNewestWithANote() throws Exception {
        String big = "MsgApiBigTopic";
        messages.createTopic(big, 2);
        long from = System.currentTimeMillis() - 1;
        messages.send(new Message(big, "first".getBytes(StandardCharsets.UTF_8)));
        int total = 1;
        for (int batch = 0; batch < 21; batch++) {
            List<Message> messagesOfBatch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                messagesOfBatch.add(new Message(big, null, "big-" + total++, new byte[16]));
            }
            messages.sendBatch(messagesOfBatch);
        }
        JSONObject page = ok(viewer.get("/api/messages?topic=" + big + "&begin=" + from + "&end="
                + (System.currentTimeMillis() + 1) + "&limit=1"));
        assertTrue(page.getBooleanValue("truncated"), page.toString());
        assertEquals(total, page.getLongValue("inRange"));
        assertEquals(2000, page.getIntValue("read"));
        assertTrue(page.getString("note").contains("narrow the time range"), page.getString("note"));
        assertEquals("big-" + (total - 1), page.getJSONArray("items").getJSONObject(0).getString("keys"),
                "the newest are read");
    }

    @Test
    void badRangesAndUnknownTopicsAreRefusedNamingWhat() throws Exception {
        ApiClient.Answer noBegin = viewer.get("/api/messages?topic=" + TOPIC + "&end=" + end);
        assertEquals(400, noBegin.status());
        assertTrue(noBegin.error().contains("'begin'"), noBegin.error());
        ApiClient.Answer reversed = viewer.get("/api/messages?topic=" + TOPIC + "&begin=" + end + "&end=" + begin);
        assertEquals(400, reversed.status());
        assertTrue(reversed.error().contains("must not be after end"), reversed.error());
        ApiClient.Answer notNumber = viewer.get("/api/messages?topic=" + TOPIC + "&begin=yesterday&end=" + end);
        assertEquals(400, notNumber.status());
        assertTrue(notNumber.error().contains("begin must be a whole number"), notNumber.error());
        ApiClient.Answer unknown = viewer.get("/api/messages?topic=NoSuchTopic&begin=0&end=" + end);
        assertEquals(404, unknown.status());
        assertEquals("no topic NoSuchTopic in the cluster", unknown.error());
        ApiClient.Answer badProperty = viewer.get("/api/messages?" + range() + "&property=%3Dred");
        assertEquals(400, badProperty.status());
        assertTrue(badProperty.error().contains("property must be name or name=value"), badProperty.error());
    }

    @Test
    void byKeyAndByEitherKindOfMessageId() throws Exception {
        JSONObject byKey = ok(viewer.get("/api/messages/by-key?topic=" + TOPIC + "&key=k-4"));
        assertEquals(1, byKey.getIntValue("total"));
        JSONObject found = byKey.getJSONArray("items").getJSONObject(0);
        assertEquals(sent.get(4).getMsgId(), found.getString("msgId"));
        assertEquals("A", found.getString("tags"));
        assertEquals(0, ok(viewer.get("/api/messages/by-key?topic=" + TOPIC + "&key=k-4&tag=B")).getIntValue("total"));
        assertEquals(400, viewer.get("/api/messages/by-key?topic=" + TOPIC).status());

        String offsetId = sent.get(5).getOffsetMsgId();
        JSONObject byOffsetId = ok(viewer.get("/api/messages/by-id?msgId=" + offsetId));
        assertEquals("k-5", byOffsetId.getJSONArray("items").getJSONObject(0).getString("keys"));
        String clientId = sent.get(6).getMsgId();
        JSONObject byClientId = ok(viewer.get("/api/messages/by-id?topic=" + TOPIC + "&msgId=" + clientId));
        assertEquals("k-6", byClientId.getJSONArray("items").getJSONObject(0).getString("keys"));
        ApiClient.Answer needsTopic = viewer.get("/api/messages/by-id?msgId=" + clientId);
        assertEquals(400, needsTopic.status());
        assertTrue(needsTopic.error().contains("give the topic too"), needsTopic.error());
        ApiClient.Answer missing = viewer.get("/api/messages/by-id?topic=" + TOPIC
                + "&msgId=0A0000010000000000000000000000FF");
        assertEquals(404, missing.status());
        assertTrue(missing.error().contains("no message with id"), missing.error());
    }

    @Test
    void detailShowsPropertiesBodyViewsAndConsumeStatusAndAConsumerConsumesItAgain() throws Exception {
        String group = "MsgApiGroup";
        AtomicInteger deliveries = new AtomicInteger();
        String watched = sent.get(2).getMsgId();
        DefaultMQPushConsumer consumer = messages.consumer(group, TOPIC, (msgs, context) -> {
            msgs.stream().filter(m -> m.getMsgId().equals(watched)).forEach(m -> deliveries.incrementAndGet());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.get() >= 1);
            String path = "/api/messages/detail?topic=" + TOPIC + "&msgId=" + watched;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JSONObject d = ok(viewer.get(path));
                return d.getJSONArray("consumeStatus").stream().map(JSONObject.class::cast).anyMatch(s ->
                        s.getString("group").equals(group) && s.getString("status").equals("CONSUMED"));
            });
            JSONObject detail = ok(viewer.get(path));
            assertEquals("red", detail.getJSONObject("properties").getString("color"));
            assertEquals("k-2", detail.getJSONObject("properties").getString("KEYS"));
            assertEquals("{\"n\":2,\"text\":\"hello 2\"}", detail.getString("bodyText"));
            assertTrue(detail.getString("bodyJson").contains("\n"), detail.getString("bodyJson"));
            assertTrue(detail.getString("bodyHex").startsWith("7b 22 6e 22"), detail.getString("bodyHex"));

            JSONObject resend = JSONObject.of("topic", TOPIC, "msgId", watched, "group", group);
            assertEquals(403, viewer.post("/api/messages/resend", resend).status());
            JSONObject again = ok(admin.post("/api/messages/resend", resend));
            assertEquals("CR_SUCCESS", again.getString("consumeResult"), again.toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.get() >= 2);

            ApiClient.Answer nobody = admin.post("/api/messages/resend", JSONObject.of("topic", TOPIC, "msgId",
                    watched, "group", "NobodyOnline"));
            assertEquals(404, nobody.status());
            assertTrue(nobody.error().contains("has no consumer online"), nobody.error());
            assertEquals(400, admin.post("/api/messages/resend", JSONObject.of("msgId", watched)).status());
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void aLiveTailSendsNewMessagesAndTheNumberOfTailsIsCapped() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (EventStreamReader tail = EventStreamReader.open(fixture, "/api/messages/tail?topic=" + TOPIC);
                    EventStreamReader second = EventStreamReader.open(fixture, "/api/messages/tail?topic="
                            + TOPIC)) {
                assertEquals(200, tail.status());
                assertTrue(tail.contentType().startsWith("text/event-stream"), tail.contentType());
                assertEquals("ready", tail.next().name());
                assertEquals("ready", second.next().name());
                try (EventStreamReader third = EventStreamReader.open(fixture, "/api/messages/tail?topic="
                        + TOPIC)) {
                    assertEquals(429, third.status());
                    assertTrue(third.body().contains("live tails are running already"));
                }
                messages.send(new Message(TOPIC, "T", "tailed-key", "tailed".getBytes(StandardCharsets.UTF_8)));
                EventStreamReader.Event event = tail.next();
                assertEquals("message", event.name(), event.data());
                assertEquals("tailed-key", event.json().getString("keys"));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (EventStreamReader again = EventStreamReader.open(fixture, "/api/messages/tail?topic="
                        + TOPIC)) {
                    assertEquals(200, again.status(), "closed tails end and free their place");
                }
            });
            assertEquals(404, viewer.get("/api/messages/tail?topic=NoSuchTopic").status());
        });
    }

    /**
     * A tail of {@code path} once one is free: a tail another test closed holds its place until the console notices,
     * at its next poll.
     */
    private static EventStreamReader openTail(String path) {
        AtomicReference<EventStreamReader> opened = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            EventStreamReader tail = EventStreamReader.open(fixture, path);
            if (tail.status() == 200) {
                opened.set(tail);
                return true;
            }
            tail.close();
            return false;
        });
        return opened.get();
    }

    @Test
    void aLiveTailSendsAtMostItsRatePerPollAndSaysHowManyItSkipped() throws Exception {
        String burst = "MsgApiBurstTopic";
        messages.createTopic(burst, 1);
        messages.send(new Message(burst, "route".getBytes(StandardCharsets.UTF_8)));
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (EventStreamReader tail = openTail("/api/messages/tail?topic=" + burst)) {
                assertEquals("ready", tail.next().name());
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    batch.add(new Message(burst, null, "burst-" + i, new byte[8]));
                }
                messages.sendBatch(batch);
                int shown = 0;
                EventStreamReader.Event event = tail.next();
                while (!event.name().equals("skipped")) {
                    assertEquals("message", event.name(), event.data());
                    shown++;
                    event = tail.next();
                }
                assertTrue(shown <= 2 * 50, shown + " shown before the first skip");
                assertTrue(event.json().getIntValue("count") >= 120 - 2 * 50, event.data());
            }
        });
    }
}
