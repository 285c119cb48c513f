package io.apogee.common.config;

/** A configuration key has a value that cannot be used; the message names the key. */
public class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String message) {
        super(key == null ? message : "config key '" + key + "': " + message);
        this.key = key;
    }

    /** The offending key, or {@code null} when the problem is not about one key (e.g. an unreadable file). */
    public String key() {
        return key;
    }
}
