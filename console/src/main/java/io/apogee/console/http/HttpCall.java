package io.apogee.console.http;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.console.auth.Session;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a handler sees it: method, path, query and path parameters, headers, body, the caller's
 * address and, once the router checked it, the caller's session. Copied out of Netty's buffers, so it can be answered
 * on any thread.
 */
public final class HttpCall {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final String remoteAddress;
    private Map<String, String> pathParams = Map.of();
    private Session session;

    public HttpCall(String method, String path, Map<String, List<String>> query, HttpHeaders headers, byte[] body,
            String remoteAddress) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.remoteAddress = remoteAddress;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The caller's IP address. */
    public String remoteAddress() {
        return remoteAddress;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The value of cookie {@code name}, or {@code null}. */
    public String cookie(String name) {
        String header = headers.get("Cookie");
        if (header == null) {
            return null;
        }
        for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
            if (cookie.name().equals(name)) {
                return cookie.value();
            }
        }
        return null;
    }

    /** Query parameter {@code name}, or {@code null} when absent. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Query parameter {@code name}, or {@code fallback} when absent or blank. */
    public String param(String name, String fallback) {
        String value = param(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Query parameter {@code name} as a number in {@code [min, max]}, or {@code fallback} when absent.
     *
     * @throws ApiException 400 naming the parameter when it is not such a number
     */
    public long longParam(String name, long fallback, long min, long max) {
        String value = param(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, was '" + value + "'");
        }
    }

    /**
     * Query parameter {@code name}, required.
     *
     * @throws ApiException 400 naming it when absent or blank
     */
    public String requiredParam(String name) {
        String value = param(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' is required");
        }
        return value.trim();
    }

    /** Path parameter {@code name} of the matched route (e.g. {@code {topic}}). */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    void pathParams(Map<String, String> params) {
        this.pathParams = params;
    }

    public byte[] body() {
        return body;
    }

    /**
     * The body as a JSON object.
     *
     * @throws ApiException 400 when it is empty or not a JSON object
     */
    public JSONObject json() {
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON object body is required");
        }
        try {
            Object parsed = JSON.parse(new String(body, StandardCharsets.UTF_8));
            if (parsed instanceof JSONObject object) {
                return object;
            }
        } catch (JSONException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage());
        }
        throw ApiException.badRequest("the body must be a JSON object");
    }

    /**
     * String field {@code name} of the JSON body, required.
     *
     * @throws ApiException 400 naming it when absent or blank
     */
    public String requiredField(JSONObject json, String name) {
        String value = json.getString(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("field '" + name + "' is required");
        }
        return value.trim();
    }

    /** The caller's session; set for every route but the public ones. */
    public Session session() {
        return session;
    }

    void session(Session session) {
        this.session = session;
    }
}
