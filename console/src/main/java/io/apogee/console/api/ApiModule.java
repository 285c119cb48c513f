package io.apogee.console.api;

import io.apogee.console.http.Router;

/** The API routes of one page family (topics, consumers, messages, ...). */
public interface ApiModule {

    /** Adds this module's routes, each with the role it needs. */
    void register(Router router);

    /** Releases what the module started (a producer, ...); called once when the console shuts down. */
    default void close() {
    }
}
