package io.apogee.console;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.console.auth.UserStore;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A server-sent-events client for tests: logs in, opens a stream, reads its events one by one, closes it. */
final class EventStreamReader implements AutoCloseable {

    /** One event: its name and data. */
    record Event(String name, String data) {
        JSONObject json() {
            return JSONObject.parseObject(data);
        }
    }

    private final HttpResponse<InputStream> response;
    private final BufferedReader lines;

    private EventStreamReader(HttpResponse<InputStream> response) {
        this.response = response;
        this.lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** Logs in to {@code fixture}'s console as the admin and opens {@code path}. */
    static EventStreamReader open(ConsoleFixture fixture, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(fixture.url() + "api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(JSONObject.of("username", UserStore.INITIAL_ADMIN,
                        "password", fixture.initialPassword()).toJSONString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + login.body());
        }
        return new EventStreamReader(http.send(HttpRequest.newBuilder(URI.create(fixture.url()
                + path.substring(1))).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The whole body of a refused (non-stream) answer. */
    String body() throws Exception {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next event (blocks), or {@code null} at the stream's end. */
    Event next() throws Exception {
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (name != null) {
                    return new Event(name, data.toString());
                }
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        response.body().close();
    }
}
