package io.apogee.console.http;

import java.util.List;

/**
 * One page of a list the server pages: {@code offset} and {@code limit} query parameters (default 0 and 50, limit at
 * most 500), {@code total} the size of the whole (filtered) list.
 */
public record Page<T>(int total, int offset, int limit, List<T> items) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The page of {@code all} that {@code call}'s {@code offset} and {@code limit} ask for. */
    public static <T> Page<T> of(List<T> all, HttpCall call) {
        int offset = (int) call.longParam("offset", 0, 0, Integer.MAX_VALUE);
        int limit = (int) call.longParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.size(), offset, limit, List.copyOf(all.subList(from, to)));
    }
}
