package io.apogee.console;

import static io.apogee.console.MessageFixture.ok;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * Headless chromium through the Messages, Dead letters and Message trace pages: a sent message found by time and by
 * key, its detail and body views, a live tail showing a new message, dead letters (made by a consumer that always
 * asks to consume later, with no retry allowed) resent, a trace found and the advice when there is none.
 */
class MessagePagesBrowserTest {

    private static final String TOPIC = "PageMsgTopic";
    private static final String DLQ_TOPIC = "PageDlqTopic";
    private static final String DLQ_GROUP = "PageDlqGroup";

    private static ConsoleFixture fixture;
    private static MessageFixture messages;
    private static Browser browser;
    private static final List<SendResult> sent = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start();
        messages = new MessageFixture(fixture, "PageMsgProducer");
        messages.createTopic(TOPIC, 2);
        for (int i = 0; i < 3; i++) {
            Message m = new Message(TOPIC, "page", "page-key-" + i, ("{\"order\":" + i + ",\"item\":\"book\"}")
                    .getBytes(StandardCharsets.UTF_8));
            m.putProperty("channel", "web");
            sent.add(messages.send(m));
        }
        messages.createTopic(DLQ_TOPIC, 1);
        DefaultMQPushConsumer failing = messages.consumer(DLQ_GROUP, DLQ_TOPIC, (msgs, context) ->
                ConsumeConcurrentlyStatus.RECONSUME_LATER);
        failing.setMaxReconsumeTimes(0);
        failing.start();
        ApiClient admin = fixture.admin();
        try {
            for (int i = 0; i < 2; i++) {
                messages.send(new Message(DLQ_TOPIC, "late", "dead-page-" + i, ("could not handle " + i)
                        .getBytes(StandardCharsets.UTF_8)));
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                ApiClient.Answer a = admin.get("/api/dlq?group=" + DLQ_GROUP);
                return a.status() == 200 && a.json().getIntValue("total") == 2;
            });
        } finally {
            failing.shutdown();
        }
        browser = Browser.open();
        browser.login(fixture.url(), "admin", fixture.initialPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                messages.close();
            } finally {
                fixture.close();
            }
        }
    }

    @Test
    void aSentMessageIsFoundByTimeAndByKeyAndItsDetailShown() throws Exception {
        browser.go(fixture.url() + "#/messages?topic=" + TOPIC);
        browser.await("#msg-search").click();
        for (SendResult s : sent) {
            browser.await("#msg-results tr[data-key='" + s.getMsgId() + "']");
        }
        browser.awaitText("#msg-read", "3 messages read, 3 match");
        assertTrue(Files.size(browser.screenshot("messages")) > 10_000);

        new Select(browser.await("#msg-mode")).selectByValue("key");
        browser.await("#msg-key").sendKeys("page-key-1");
        browser.await("#msg-search").click();
        browser.await("#msg-results tr[data-key='" + sent.get(1).getMsgId() + "'] button.msg-open").click();
        browser.awaitText("#msg-detail", "page-key-1");
        browser.awaitText("#msg-body", "\"item\":\"book\"");
        browser.awaitText("#msg-detail", "channel");
        browser.awaitText("#msg-consume-status", "No consumer group consumes this topic.");
        browser.screenshot("message-detail");
        browser.await("#msg-body-hex").click();
        browser.awaitText("#msg-body", "7b 22 6f 72");
        browser.await("#msg-body-text").click();
        browser.awaitText("#msg-body", "{\"order\":1,\"item\":\"book\"}");

        browser.await("#lang").sendKeys("中文");
        browser.awaitText("#msg-form", "按主题和时间");
        browser.awaitText("#tail", "实时跟踪");
        browser.screenshot("messages-zh");
        browser.await("#lang").sendKeys("English");
        browser.awaitText("#msg-form", "By topic and time");
    }

    @Test
    void theLiveTailShowsANewMessage() throws Exception {
        browser.go(fixture.url() + "#/messages");
        browser.await("#tail-topic").sendKeys(TOPIC);
        browser.await("#tail-start").click();
        browser.awaitText("#tail-status", "following the topic");
        SendResult live = messages.send(new Message(TOPIC, "live", "live-key", "live!".getBytes(
                StandardCharsets.UTF_8)));
        browser.await("#tail-list tr[data-key='" + live.getMsgId() + "']");
        browser.screenshot("messages-tail");
        browser.await("#tail-stop").click();
        browser.awaitText("#tail-status", "stopped");
    }

    @Test
    void deadLettersAreListedAndResent() throws Exception {
        browser.go(fixture.url() + "#/dlq?group=" + DLQ_GROUP);
        browser.awaitText("#dlq-list", "dead-page-0");
        browser.awaitText("#dlq-list", "dead-page-1");
        browser.await("#dlq-select-all").click();
        browser.await("#dlq-resend").click();
        browser.awaitText("#dlq-outcome", "Resend results");
        browser.awaitText("#dlq-outcome", "ok");
        browser.awaitText("#dlq-outcome", DLQ_TOPIC);
        assertTrue(Files.size(browser.screenshot("dlq")) > 10_000);
        ApiClient admin = fixture.admin();
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(admin.get("/api/messages/by-key?topic=" + DLQ_TOPIC
                + "&key=dead-page-0")).getIntValue("total") == 2);
    }

    @Test
    void aTraceIsShownAndWithoutOneTheAdviceToEnableIt() throws Exception {
        String msgId = sent.get(0).getMsgId();
        browser.go(fixture.url() + "#/trace?msgId=" + msgId);
        browser.awaitText("#trace-none", "RMQ_SYS_TRACE_TOPIC does not exist");
        browser.awaitText("#trace-none", "enableMsgTrace");
        browser.awaitText("#trace-none", "traceTopicEnable");
        browser.screenshot("trace-none");

        String traceTopic = "PageTraceTopic";
        messages.createTopic(traceTopic, 1);
        String f = String.valueOf((char) 1);
        long now = System.currentTimeMillis();
        String records = String.join(f, "Pub", String.valueOf(now), "DefaultRegion", "PageMsgProducer", TOPIC, msgId,
                "page", "page-key-0", fixture.cluster().brokerAddr("broker-a"), "30", "4", "0",
                sent.get(0).getOffsetMsgId(), "true", "10.1.2.3") + (char) 2
                + String.join(f, "SubBefore", String.valueOf(now + 20), "DefaultRegion", "PageGroup", "r-1", msgId,
                "0", "page-key-0") + (char) 2
                + String.join(f, "SubAfter", "r-1", msgId, "9", "true", "page-key-0", "0", String.valueOf(now + 29),
                "PageGroup") + (char) 2;
        messages.send(new Message(traceTopic, null, msgId, records.getBytes(StandardCharsets.UTF_8)));
        browser.go(fixture.url() + "#/trace?msgId=" + msgId + "&traceTopic=" + traceTopic);
        browser.awaitText("#trace-result", "2 events in " + traceTopic);
        browser.awaitText("#trace-result", "10.1.2.3");
        browser.awaitText("#trace-result", "PageGroup");
        browser.awaitText("#trace-result", "9 ms");
        browser.screenshot("trace");
    }
}
