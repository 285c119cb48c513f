package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.common.topic.TopicValidator;
import io.apogee.console.http.ApiException;

/** Typed optional fields of a JSON body, each refused with a 400 naming the field and the values it takes. */
final class BodyFields {

    private BodyFields() {
    }

    /** Field {@code name} as a whole number in {@code [min, max]}, or {@code fallback} when absent. */
    static long number(JSONObject body, String name, long fallback, long min, long max) {
        Object value = body.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
                    : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("field '" + name + "' must be a whole number, was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest("field '" + name + "' must be between " + min + " and " + max + ", was "
                    + parsed);
        }
        return parsed;
    }

    /** Field {@code name} as {@code true} or {@code false}, or {@code fallback} when absent. */
    static boolean flag(JSONObject body, String name, boolean fallback) {
        Object value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw ApiException.badRequest("field '" + name + "' must be true or false, was '" + value + "'");
    }

    /** Field {@code name} trimmed, or {@code null} when absent or blank. */
    static String text(JSONObject body, String name) {
        String value = body.getString(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Refuses {@code name} of field {@code field} when RocketMQ would not take it as a topic or group name (400), or
     * when {@code exists} (409, saying that {@code PUT updatePath} updates it).
     */
    static void newName(String field, String name, boolean exists, String updatePath) {
        String problem = TopicValidator.problemWith(name);
        if (problem != null) {
            throw ApiException.badRequest("field '" + field + "' is not a valid name: " + problem);
        }
        if (exists) {
            throw new ApiException(409, field + " " + name + " exists already: PUT " + updatePath + " updates it");
        }
    }
}
