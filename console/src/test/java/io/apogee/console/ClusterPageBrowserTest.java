package io.apogee.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.common.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Headless chromium: log in, the Cluster page of a two-broker cluster, switching to Chinese, logging out. */
class ClusterPageBrowserTest {

    private static ConsoleFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start("broker-a", "broker-b");
        browser = Browser.open();
        DefaultMQProducer producer = new DefaultMQProducer("ClusterPagePg");
        producer.setNamesrvAddr(fixture.cluster().namesrvAddr());
        producer.start();
        try {
            for (int i = 0; i < 40; i++) {
                producer.send(new Message("ClusterPageTopic", ("m" + i).getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            producer.shutdown();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            browser.close();
        } finally {
            fixture.close();
        }
    }

    @Test
    void logInSeeTheClusterSwitchLanguageAndLogOut() throws Exception {
        browser.go(fixture.url());
        browser.await("#login-username").sendKeys("admin");
        browser.await("#login-password").sendKeys("wrong password");
        browser.await("#login-submit").click();
        browser.awaitText("#login-error", "wrong user name or password");

        browser.login(fixture.url(), "admin", fixture.initialPassword());
        browser.await("#nav-cluster").click();
        browser.await("tr[data-key='" + fixture.cluster().brokerAddr("broker-a") + "']");
        browser.await("tr[data-key='" + fixture.cluster().brokerAddr("broker-b") + "']");
        browser.awaitText("main", "broker-b");
        browser.awaitText("main", "master");
        assertTrue(Files.size(browser.screenshot("cluster")) > 10_000);

        browser.await("#lang").sendKeys("中文");
        browser.awaitText("#nav-cluster", "集群");
        browser.awaitText("main", "生产 TPS");
        browser.screenshot("cluster-zh");
        browser.await("#lang").sendKeys("English");
        browser.awaitText("#nav-cluster", "Cluster");

        browser.await("#logout").click();
        browser.await("#login-form");
    }
}
