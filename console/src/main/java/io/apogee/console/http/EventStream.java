package io.apogee.console.http;

/** The body of a server-sent-events reply: started once its headers are out, on a console worker thread. */
@FunctionalInterface
public interface EventStream {

    /**
     * Writes events to {@code sink} until {@link EventSink#isOpen()} turns false (the client went away) or it has
     * nothing more to say; the sink is closed after it returns.
     */
    void run(EventSink sink) throws Exception;

    /** Where an {@link EventStream} writes. */
    interface EventSink {

        /** Sends one event named {@code event} with {@code data} (one line of JSON). */
        void send(String event, String data);

        /** Whether the client is still connected. */
        boolean isOpen();
    }
}
