package io.apogee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.console.auth.UserStore;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console is secure by default: login, sessions, CSRF, roles, throttling and the audit log, over HTTP. */
class ConsoleSecurityTest {

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
    void theInitialAdminPasswordIsRandomAndInAnOwnerOnlyFile() throws Exception {
        var file = fixture.dataDir().resolve(UserStore.INITIAL_PASSWORD_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                fixture.dataDir().resolve("users.json"))));
        String password = fixture.initialPassword();
        assertEquals(20, password.length());
        assertFalse(Files.readString(fixture.dataDir().resolve("users.json")).contains(password),
                "users.json holds hashes only");
    }

    @Test
    void everyApiCallButLoginAnswers401WithoutASession() throws Exception {
        ApiClient anonymous = new ApiClient(fixture.url());
        for (String path : new String[] {"/api/cluster", "/api/session", "/api/users", "/api/audit"}) {
            ApiClient.Answer answer = anonymous.get(path);
            assertEquals(401, answer.status(), path);
            assertTrue(answer.error().contains("POST /api/login"), answer.body());
        }
        assertEquals(401, anonymous.post("/api/logout", null).status());
        assertEquals(404, anonymous.get("/api/nothing-here").status());
    }

    @Test
    void aWrongPasswordAnswers401AndTheSessionCookieIsHttpOnlyAndSameSite() throws Exception {
        ApiClient client = new ApiClient(fixture.url());
        ApiClient.Answer wrong = client.post("/api/login", JSONObject.of("username", "admin", "password", "nope"));
        assertEquals(401, wrong.status());
        assertEquals("wrong user name or password", wrong.error());
        ApiClient.Answer missing = client.post("/api/login", JSONObject.of("username", "admin"));
        assertEquals(400, missing.status());

        var raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fixture.url() + "api/login")).POST(java.net.http.HttpRequest.BodyPublishers
                .ofString(JSONObject.of("username", "admin", "password", fixture.initialPassword()).toJSONString()))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String cookie = raw.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertTrue(raw.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));
    }

    @Test
    void writesNeedTheCsrfTokenAndRolesAreEnforcedOnTheServer() throws Exception {
        ApiClient admin = fixture.admin();
        ApiClient.Answer created = admin.post("/api/users", JSONObject.of("username", "viewer1", "password",
                "viewer-password", "role", "viewer"));
        assertEquals(201, created.status(), created.body());

        ApiClient viewer = new ApiClient(fixture.url());
        viewer.login("viewer1", "viewer-password");
        assertEquals(200, viewer.get("/api/cluster").status());
        ApiClient.Answer forbidden = viewer.post("/api/users", JSONObject.of("username", "x", "password",
                "whatever-long", "role", "admin"));
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.error().contains("needs ADMIN"), forbidden.body());

        admin.dropCsrfToken();
        ApiClient.Answer noToken = admin.post("/api/users", JSONObject.of("username", "viewer2", "password",
                "viewer-password", "role", "viewer"));
        assertEquals(403, noToken.status());
        assertTrue(noToken.error().contains("X-CSRF-Token"), noToken.body());
    }

    @Test
    void repeatedFailedLoginsAreSlowedDown() throws Exception {
        ApiClient admin = fixture.admin();
        assertEquals(201, admin.post("/api/users", JSONObject.of("username", "guessed", "password",
                "right-password", "role", "viewer")).status());
        ApiClient guesser = new ApiClient(fixture.url());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, guesser.post("/api/login", JSONObject.of("username", "guessed", "password",
                    "wrong-" + i)).status());
        }
        ApiClient.Answer throttled = guesser.post("/api/login", JSONObject.of("username", "guessed", "password",
                "right-password"));
        assertEquals(429, throttled.status(), throttled.body());
        assertTrue(throttled.error().startsWith("too many failed logins: try again in"), throttled.body());
    }

    @Test
    void everyWriteIsAudited() throws Exception {
        ApiClient admin = fixture.admin();
        assertEquals(201, admin.post("/api/users", JSONObject.of("username", "audited", "password",
                "audited-password", "role", "operator")).status());
        assertEquals(204, admin.delete("/api/users/audited").status());
        JSONArray audit = admin.get("/api/audit").array();
        JSONObject deleted = audit.getJSONObject(0);
        assertEquals("admin", deleted.getString("username"));
        assertEquals("DELETE /api/users/audited", deleted.getString("action"));
        assertEquals(204, deleted.getIntValue("status"));
        assertTrue(audit.stream().map(JSONObject.class::cast).anyMatch(e -> e.getString("action")
                .equals("POST /api/users") && e.getString("target").contains("username=audited")), audit::toString);
    }

    @Test
    void theClusterPageListsTheBroker() throws Exception {
        ApiClient admin = fixture.admin();
        JSONObject cluster = admin.get("/api/cluster?refresh=1").json();
        JSONObject broker = cluster.getJSONArray("brokers").getJSONObject(0);
        assertEquals("broker-a", broker.getString("brokerName"));
        assertEquals("MASTER", broker.getString("role"));
        assertEquals(fixture.cluster().brokerAddr("broker-a"), broker.getString("addr"));
        assertTrue(broker.containsKey("version"), broker::toString);
        assertEquals(200, admin.get("/api/cluster/broker/config?addr=" + broker.getString("addr")).status());
        assertEquals(404, admin.get("/api/cluster/broker/config?addr=10.0.0.1:10911").status());
    }
}
