package io.apogee.common.message;

import static io.apogee.common.message.MessageProperty.NAME_VALUE_SEPARATOR;
import static io.apogee.common.message.MessageProperty.PROPERTY_SEPARATOR;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties string: {@code name \u0001 value \u0002 name \u0001 value}, no trailing separator (4.9.8 writer).
 * Reading is lenient as RocketMQ's: a trailing separator is ignored, and entries with an empty name or value are
 * dropped.
 */
public final class PropertiesCodec {

    private PropertiesCodec() {
    }

    /** Encodes {@code properties} in iteration order, skipping null values. */
    public static String encode(Map<String, String> properties) {
        if (properties == null || properties.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(properties.size() * 24);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(PROPERTY_SEPARATOR);
            }
            sb.append(e.getKey()).append(NAME_VALUE_SEPARATOR).append(e.getValue());
        }
        return sb.toString();
    }

    /** Decodes a properties string into an insertion-ordered map (later duplicates win). */
    public static Map<String, String> decode(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return map;
        }
        int start = 0;
        int len = text.length();
        while (start < len) {
            int end = text.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = len;
            }
            int sep = text.indexOf(NAME_VALUE_SEPARATOR, start);
            if (sep > start && sep < end - 1) {
                map.put(text.substring(start, sep), text.substring(sep + 1, end));
            }
            start = end + 1;
        }
        return map;
    }

    /**
     * The value of one property in an encoded string, without building a map: what {@link #decode} would map
     * {@code name} to (the last non-empty value), or {@code null}.
     */
    public static String find(String text, String name) {
        int valueStart = -1;
        int valueEnd = -1;
        int from = 0;
        int len = text.length();
        while (from < len) {
            int end = text.indexOf(PROPERTY_SEPARATOR, from);
            if (end < 0) {
                end = len;
            }
            int nameEnd = from + name.length();
            if (nameEnd < end - 1 && text.charAt(nameEnd) == NAME_VALUE_SEPARATOR && text.startsWith(name, from)) {
                valueStart = nameEnd + 1;
                valueEnd = end;
            }
            from = end + 1;
        }
        return valueStart < 0 ? null : text.substring(valueStart, valueEnd);
    }
}
