package io.apogee.common.config;

/** A config object that checks its own values once it is filled ("conclude" in Aeron's words). */
public interface Validated {

    /**
     * Checks values that are fine one by one but not together, or out of range.
     *
     * @throws ConfigException naming the first offending key
     */
    void validate();
}
