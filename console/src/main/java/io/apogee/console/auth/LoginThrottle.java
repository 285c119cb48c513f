package io.apogee.console.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: after {@code failuresBeforeDelay} failed logins of one user name, or
 * {@value #ADDRESS_FACTOR} times as many from one address (many users may share one behind a proxy), each further
 * attempt is refused until a wait has passed, doubling per failure up to 15 minutes. A success clears the name's
 * count only (one known password must not reset an address's). Nothing sleeps: a refused attempt is answered at once
 * with how long to wait.
 */
public final class LoginThrottle {

    static final long MAX_DELAY_MILLIS = 15 * 60_000L;
    /** Keys remembered at most; beyond, the oldest are dropped (bounded memory under a spray of names). */
    static final int MAX_KEYS = 10_000;
    static final int ADDRESS_FACTOR = 5;

    private record Failures(int count, long lastMillis) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final int failuresBeforeDelay;
    private final long delayMillis;
    private final LongSupplier clock;

    public LoginThrottle(int failuresBeforeDelay, long delayMillis, LongSupplier clock) {
        this.failuresBeforeDelay = failuresBeforeDelay;
        this.delayMillis = delayMillis;
        this.clock = clock;
    }

    /** Milliseconds before {@code username} from {@code address} may try again; 0 when it may now. */
    public long waitMillis(String username, String address) {
        return Math.max(waitOf("u:" + username, failuresBeforeDelay),
                waitOf("a:" + address, failuresBeforeDelay * ADDRESS_FACTOR));
    }

    public void failed(String username, String address) {
        if (failures.size() >= MAX_KEYS) {
            failures.entrySet().stream().min((a, b) -> Long.compare(a.getValue().lastMillis(), b.getValue()
                    .lastMillis())).ifPresent(oldest -> failures.remove(oldest.getKey()));
        }
        long now = clock.getAsLong();
        failures.merge("u:" + username, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        failures.merge("a:" + address, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private long waitOf(String key, int allowed) {
        Failures f = failures.get(key);
        if (f == null || f.count() < allowed) {
            return 0;
        }
        int doublings = Math.min(f.count() - allowed, 20);
        long delay = Math.min(MAX_DELAY_MILLIS, delayMillis << doublings);
        return Math.max(0, f.lastMillis() + delay - clock.getAsLong());
    }
}
