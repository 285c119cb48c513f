package io.apogee.console.http;

/** Answers one API route. */
@FunctionalInterface
public interface Handler {

    /**
     * @throws ApiException for a request the caller must change (answered with its status)
     * @throws Exception    anything else: a failure of the cluster or the console, answered 502 or 500
     */
    Reply handle(HttpCall call) throws Exception;
}
