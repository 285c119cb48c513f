package io.apogee.remoting.protocol.body;

/**
 * Version of a broker's topic config (or other table): bumped on every change. Two versions are the same when both
 * fields are equal. JSON: {@code {"counter":1,"timestamp":1795460575673}}.
 */
public record DataVersion(long counter, long timestamp) {

    /** The version a table starts with. */
    public static DataVersion initial(long nowMillis) {
        return new DataVersion(0, nowMillis);
    }

    /** The version after one more change. */
    public DataVersion next(long nowMillis) {
        return new DataVersion(counter + 1, nowMillis);
    }
}
