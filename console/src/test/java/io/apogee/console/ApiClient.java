package io.apogee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The console's HTTP API as a script would use it, on the JDK's {@link HttpClient}: it keeps the session cookie and
 * sends the CSRF token login returned on every write.
 */
public final class ApiClient {

    /** An answer: status and body. */
    public record Answer(int status, String body) {

        public JSONObject json() {
            return JSON.parseObject(body);
        }

        public com.alibaba.fastjson2.JSONArray array() {
            return JSON.parseArray(body);
        }

        /** The {@code error} field of an error answer. */
        public String error() {
            return json().getString("error");
        }
    }

    private final String base;
    private final HttpClient http;
    private String csrfToken;

    public ApiClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Logs in and keeps the cookie and the CSRF token; fails the test unless the answer is 200. */
    public JSONObject login(String username, String password) throws IOException, InterruptedException {
        Answer answer = send("POST", "/api/login", JSONObject.of("username", username, "password", password)
                .toJSONString());
        assertEquals(200, answer.status(), answer.body());
        csrfToken = answer.json().getString("csrfToken");
        return answer.json();
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    public Answer post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body == null ? null : JSON.toJSONString(body));
    }

    public Answer put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, body == null ? null : JSON.toJSONString(body));
    }

    public Answer delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null);
    }

    /** Sends a request with a raw body (or none); writes carry the CSRF token when logged in. */
    public Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrfToken != null && !method.equals("GET")) {
            request.header("X-CSRF-Token", csrfToken);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** Forgets the CSRF token (to test that writes need it). */
    public void dropCsrfToken() {
        csrfToken = null;
    }
}
