package io.apogee.broker.filter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled SQL92 expressions by their text, so heartbeats (every 30 s per consumer) and pulls (many per second) do
 * not parse the same expression again; a failure is kept too, with its message. Holds at most
 * {@link #MAX_ENTRIES} expressions: when full it starts over (expressions in use are compiled again on next use).
 * An expression that does not compile is logged once, when first seen.
 */
final class SqlFilterCache {

    private static final Logger LOG = LoggerFactory.getLogger(SqlFilterCache.class);

    /** Distinct expressions kept. */
    static final int MAX_ENTRIES = 4096;

    /** An expression compiled: its store read filter, or why it does not compile. */
    record Compiled(ExpressionMessageFilter filter, String error) {
    }

    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    /** {@code expression} compiled, from the cache when it was compiled before. */
    Compiled compile(String expression) {
        String key = expression == null ? "" : expression;
        Compiled known = compiled.get(key);
        if (known != null) {
            return known;
        }
        if (compiled.size() >= MAX_ENTRIES) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(key, SqlFilterCache::doCompile);
    }

    private static Compiled doCompile(String expression) {
        try {
            return new Compiled(new ExpressionMessageFilter(SqlFilter.compile(expression)), null);
        } catch (SqlFilterException e) {
            LOG.warn("SQL92 expression \"{}\" does not compile: {}", expression, e.getMessage());
            return new Compiled(null, e.getMessage());
        }
    }
}
