package io.apogee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Headless chromium through the Topics, Consumers and Producers pages: create, search, inspect, send to and delete a
 * topic; create a group, reset its offsets with the preview, skip its backlog; the producers of the console's group.
 */
class TopicConsumerProducerPagesBrowserTest {

    private static ConsoleFixture fixture;
    private static Browser browser;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start();
        browser = Browser.open();
        admin = fixture.admin();
        browser.login(fixture.url(), "admin", fixture.initialPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            browser.close();
        } finally {
            fixture.close();
        }
    }

    /** A failing test leaves a screenshot of what the browser showed, {@code failed-<test>.png}. */
    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try {
                browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    };

    private static void fill(String css, String value) {
        WebElement input = browser.await(css);
        input.clear();
        input.sendKeys(value);
    }

    @Test
    void createInspectSendToAndDeleteATopic() throws Exception {
        browser.await("#nav-topics").click();
        browser.await("#topic-create").click();
        fill("#form-dialog input[name='topic']", "BrowserTopic");
        fill("#form-dialog input[name='writeQueueNums']", "3");
        fill("#form-dialog input[name='readQueueNums']", "3");
        browser.await("#form-submit").click();
        browser.awaitText("#toast", "Topic BrowserTopic saved");
        String row = "tr[data-key='BrowserTopic']";
        browser.await(row);

        fill("#topic-search", "BrowserTopic");
        browser.await("#topic-search-button").click();
        browser.awaitText("main", "1–1 of 1");

        browser.await(row + " .topic-send").click();
        browser.await("#form-submit").click();
        browser.awaitText("#toast", "SEND_OK");

        browser.await(row + " .topic-route").click();
        browser.awaitText("#topic-detail", "Route of BrowserTopic");
        browser.awaitText("#topic-detail", "broker-a");
        browser.await(row + " .topic-status").click();
        browser.awaitText("#topic-detail", "Queue offsets of BrowserTopic");
        browser.await("#topic-detail tr[data-key='broker-a/2']");
        assertTrue(Files.size(browser.screenshot("topics")) > 10_000);

        browser.await(row + " .topic-delete").click();
        browser.awaitText("#confirm", "Delete topic BrowserTopic");
        browser.await("#confirm-ok").click();
        browser.awaitText("#toast", "Topic BrowserTopic deleted");
        browser.awaitText("main", "Nothing to show");
        assertEquals(0, admin.get("/api/topics?search=BrowserTopic&refresh=1").json().getIntValue("total"));

        browser.await("#topic-search").clear();
        browser.await("#topic-type").sendKeys("system");
        browser.await("tr[data-key='TBW102']");
        browser.screenshot("topics-system");
    }

    @Test
    void resetAGroupsOffsetsWithAPreviewThenSkipTheBacklog() throws Exception {
        assertEquals(201, admin.post("/api/topics", JSONObject.of("topic", "PageTopic", "writeQueueNums", 2,
                "readQueueNums", 2)).status());
        admin.get("/api/topics?refresh=1");
        for (int i = 0; i < 4; i++) {
            assertEquals(200, admin.post("/api/topics/PageTopic/send", JSONObject.of("body", "m" + i)).status());
        }
        browser.go(fixture.url() + "#/consumers");
        browser.await("#group-create").click();
        fill("#form-dialog input[name='group']", "PageGroup");
        browser.await("#form-submit").click();
        browser.awaitText("#toast", "Group PageGroup saved");
        String row = "tr[data-key='PageGroup']";
        browser.await(row + " .lag-unknown");
        browser.awaitText(row + " .lag-unknown", "unknown");
        browser.awaitText(row + " .lag-unknown .reason", "the group has committed no offset yet");
        browser.screenshot("consumers");

        // first the group gets offsets in the topic: skip to the end from the Topics page's per-topic view
        assertEquals(200, admin.post("/api/groups/PageGroup/reset", JSONObject.of("topic", "PageTopic",
                "timestamp", -1)).status());
        browser.go(fixture.url() + "#/topics?search=PageTopic");
        browser.await("tr[data-key='PageTopic'] .topic-consumers").click();
        browser.await("#topic-detail tr[data-key='PageGroup'] .topic-group-reset").click();
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = '2020-01-01T00:00'",
                browser.await("#form-dialog input[name='time']"));
        browser.await("#form-submit").click();
        browser.await("#reset-preview tr[data-key='PageTopic/broker-a/0']");
        browser.awaitText("#reset-dialog", "What moves for PageGroup");
        browser.screenshot("reset-preview");
        browser.await("#reset-apply").click();
        browser.awaitText("#toast", "Offsets reset on 2 queues");

        admin.get("/api/groups?refresh=1");
        browser.go(fixture.url() + "#/consumers?search=PageGroup");
        browser.awaitText(row + " td:nth-child(2)", "4");
        browser.await(row + " .group-skip").click();
        browser.awaitText("#reset-dialog", "the backlog is skipped");
        browser.await("#reset-apply").click();
        browser.awaitText("#toast", "Offsets reset on 2 queues");
        browser.awaitText(row + " td:nth-child(2)", "0");

        browser.await(row + " .group-detail").click();
        browser.awaitText("#group-detail", "Progress per queue");
        browser.await("#group-offline");
        browser.await("#group-detail tr[data-key='PageTopic/broker-a/1']");
        browser.screenshot("consumer-detail");
    }

    @Test
    void aViewerSeesNoWriteButtons() throws Exception {
        assertEquals(201, admin.post("/api/users", JSONObject.of("username", "pageviewer", "password",
                "viewer-password", "role", "viewer")).status());
        browser.await("#logout").click();
        browser.await("#login-form");
        try {
            browser.login(fixture.url(), "pageviewer", "viewer-password");
            browser.go(fixture.url() + "#/topics");
            browser.await("tr[data-key='TBW102'] .topic-route");
            assertTrue(browser.driver().findElements(By.cssSelector("#topic-create, .topic-delete, .topic-send"))
                    .isEmpty());
            browser.go(fixture.url() + "#/consumers");
            browser.await("#group-search");
            assertTrue(browser.driver().findElements(By.cssSelector("#group-create, .group-delete")).isEmpty());
        } finally {
            browser.await("#logout").click();
            browser.await("#login-form");
            browser.login(fixture.url(), "admin", fixture.initialPassword());
        }
    }

    @Test
    void producersPageListsTheConsolesOwnProducer() throws Exception {
        admin.post("/api/topics", JSONObject.of("topic", "ProducerPageTopic"));
        admin.get("/api/topics?refresh=1");
        assertEquals(200, admin.post("/api/topics/ProducerPageTopic/send", JSONObject.of("body", "x")).status());
        browser.go(fixture.url() + "#/producers");
        fill("#producer-group", "ApogeeConsoleProducer");
        fill("#producer-topic", "ProducerPageTopic");
        browser.await("#producer-query").click();
        browser.awaitText("#producer-result", "JAVA");
        assertTrue(browser.driver().findElements(By.cssSelector("#producer-result tbody tr")).size() >= 1);
        browser.screenshot("producers");

        browser.await("#lang").sendKeys("中文");
        browser.awaitText("#nav-producers", "生产者");
        browser.awaitText("main", "输入生产者组");
        browser.screenshot("producers-zh");
        browser.go(fixture.url() + "#/topics");
        browser.awaitText("main", "新建主题");
        browser.screenshot("topics-zh");
        browser.go(fixture.url() + "#/consumers");
        browser.awaitText("main", "跳过堆积");
        browser.screenshot("consumers-zh");
        browser.await("#lang").sendKeys("English");
        browser.awaitText("#nav-topics", "Topics");
    }
}
