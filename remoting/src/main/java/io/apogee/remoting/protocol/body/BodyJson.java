package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONWriter;
import io.apogee.remoting.protocol.RemotingCommandException;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes JSON bodies the way RocketMQ 4.9.x peers (fastjson 1.x) do: compact UTF-8, properties in
 * alphabetical order, null properties omitted.
 *
 * <p>Maps with numeric keys (such as {@link io.apogee.common.route.BrokerData#brokerAddrs()}) are
 * written two ways: {@link #encode} writes them unquoted ({@code {0:"..."}}) like fastjson 1.x's default, which is
 * not standard JSON but what RocketMQ's cluster info and old clients expect; {@link #encodeStandard} quotes them
 * ({@code {"0":"..."}}) and escapes non-ASCII characters, RocketMQ's "standard JSON" for route bodies asked with
 * version 401 (V4_9_4) or later or {@code acceptStandardJsonOnly}. {@link #decode} reads both forms.
 */
public final class BodyJson {

    private BodyJson() {
    }

    /** fastjson 1.x's default shape: numeric map keys unquoted. */
    public static byte[] encode(Object body) {
        return JSON.toJSONBytes(body);
    }

    /** Standard JSON: numeric map keys quoted, non-ASCII characters escaped as upper-case {@code \\uXXXX}. */
    public static byte[] encodeStandard(Object body) {
        // fastjson2 honours EscapeNoneAscii only when writing a String; the result is pure ASCII.
        return JSON.toJSONString(body, JSONWriter.Feature.WriteNonStringKeyAsString,
                JSONWriter.Feature.EscapeNoneAscii).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a body of {@code type}; unknown properties are ignored, missing ones take Java defaults.
     *
     * @throws RemotingCommandException when the body is absent, empty, {@code null} or not valid for {@code type},
     *     with a message naming the type
     */
    public static <T> T decode(byte[] body, Class<T> type) throws RemotingCommandException {
        if (body == null || body.length == 0) {
            throw new RemotingCommandException("the request has no " + type.getSimpleName() + " body");
        }
        T value;
        try {
            value = JSON.parseObject(body, type);
        } catch (JSONException | IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            // fastjson2 reports some truncated or malformed input by running off its buffer (found by fuzzing).
            throw new RemotingCommandException("invalid " + type.getSimpleName() + " body: " + e.getMessage(), e);
        }
        if (value == null) {
            throw new RemotingCommandException("invalid " + type.getSimpleName() + " body: null");
        }
        return value;
    }
}
