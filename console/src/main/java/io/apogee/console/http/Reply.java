package io.apogee.console.http;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer: status, content type, body and extra headers; or, for server-sent events, a {@link EventStream}
 * that writes events until the client goes away.
 */
public final class Reply {

    public static final String JSON_TYPE = "application/json; charset=utf-8";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final EventStream stream;

    private Reply(int status, String contentType, byte[] body, EventStream stream) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.stream = stream;
    }

    /** 200 with {@code value} as JSON. */
    public static Reply json(Object value) {
        return json(200, value);
    }

    public static Reply json(int status, Object value) {
        return new Reply(status, JSON_TYPE, JSON.toJSONBytes(value), null);
    }

    /** {@code status} with {@code {"error": message}}. */
    public static Reply error(int status, String message) {
        return json(status, JSONObject.of("error", message));
    }

    /** 204, no body. */
    public static Reply noContent() {
        return new Reply(204, null, new byte[0], null);
    }

    public static Reply bytes(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, body, null);
    }

    public static Reply text(int status, String contentType, String body) {
        return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text/event-stream}: {@code stream} is started once the headers are sent. */
    public static Reply events(EventStream stream) {
        return new Reply(200, "text/event-stream; charset=utf-8", null, stream);
    }

    /** Adds a response header (e.g. {@code Set-Cookie}, {@code Content-Disposition}). */
    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The event stream of an {@link #events} reply, else {@code null}. */
    public EventStream stream() {
        return stream;
    }
}
