package io.apogee.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Headless chromium through the Dashboard, Ops and User centre pages: charts, health, users, password, audit. */
class OwnPagesBrowserTest {

    private static ConsoleFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start();
        browser = Browser.open();
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

    @Test
    void theDashboardDrawsEachBrokersTrend() throws Exception {
        browser.go(fixture.url() + "#/dashboard");
        browser.await("#total-brokers");
        browser.awaitText("#total-brokers", "1");
        browser.await("#broker-charts .uplot");
        assertTrue(Files.size(browser.screenshot("dashboard")) > 10_000);
    }

    @Test
    void opsShowsHealthAndTheNamesrvInUse() throws Exception {
        browser.go(fixture.url() + "#/ops");
        browser.awaitText("#health-summary", "Healthy");
        browser.await("tr[data-key='" + fixture.cluster().namesrvAddr() + "']");
        browser.screenshot("ops");
    }

    @Test
    void anAdminAddsAUserWhoLogsInChangesThePasswordAndTheWritesAreAudited() throws Exception {
        browser.go(fixture.url() + "#/users");
        browser.await("#user-create").click();
        browser.await("#form-dialog input[name='username']").sendKeys("operator1");
        browser.await("#form-dialog input[name='password']").sendKeys("operator-pass");
        browser.await("#form-dialog select[name='role']").sendKeys("operator");
        browser.await("#form-submit").click();
        browser.await("#users-list tr[data-key='operator1']");
        browser.awaitText("#audit-log", "POST /api/users");
        browser.screenshot("users");

        ApiClient operator = new ApiClient(fixture.url());
        JSONObject session = operator.login("operator1", "operator-pass");
        assertTrue(session.getString("role").equals("OPERATOR"), session::toString);
        assertTrue(operator.get("/api/users").status() == 403);

        browser.await("#logout").click();
        browser.login(fixture.url(), "operator1", "operator-pass");
        browser.go(fixture.url() + "#/users");
        browser.await("#password-current").sendKeys("operator-pass");
        browser.await("#password-new").sendKeys("operator-pass-2");
        browser.await("#password-change").click();
        browser.awaitText("#toast", "Password changed");
        assertTrue(browser.driver().findElements(By.cssSelector("#users-list")).isEmpty(), "no user list for an operator");
        browser.await("#logout").click();
        browser.login(fixture.url(), "operator1", "operator-pass-2");
        browser.await("#logout").click();
        browser.login(fixture.url(), "admin", fixture.initialPassword());
    }
}
