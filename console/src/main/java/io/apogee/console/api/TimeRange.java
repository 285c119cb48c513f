package io.apogee.console.api;

import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;

/** A time range of store times, epoch millis, from the {@code begin} and {@code end} query parameters. */
record TimeRange(long begin, long end) {

    /**
     * Both required.
     *
     * @throws ApiException 400 naming the parameter when one is missing or not a time, or begin is after end
     */
    static TimeRange of(HttpCall call) {
        call.requiredParam("begin");
        call.requiredParam("end");
        return optional(call);
    }

    /** Each defaults to the widest: {@code begin} 0, {@code end} now. */
    static TimeRange optional(HttpCall call) {
        long begin = call.longParam("begin", 0, 0, Long.MAX_VALUE);
        long end = call.longParam("end", System.currentTimeMillis(), 0, Long.MAX_VALUE);
        if (begin > end) {
            throw ApiException.badRequest("begin (" + begin + ") must not be after end (" + end + ")");
        }
        return new TimeRange(begin, end);
    }
}
