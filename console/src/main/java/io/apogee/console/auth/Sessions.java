package io.apogee.console.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Live sessions, in memory only (a restart logs everyone out). A session not used for the configured timeout is
 * gone; each use extends it.
 */
public final class Sessions {

    private record Entry(Session session, long lastUsedMillis) {
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final long timeoutMillis;
    private final LongSupplier clock;

    public Sessions(long timeoutMillis, LongSupplier clock) {
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
    }

    /** A new session for {@code user}. */
    public Session open(User user) {
        Session session = new Session(token(), user.username(), user.role(), token());
        byId.put(session.id(), new Entry(session, clock.getAsLong()));
        return session;
    }

    /** The live session of cookie value {@code id}, extended by this use. */
    public Optional<Session> use(String id) {
        if (id == null) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        Entry entry = byId.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (now - entry.lastUsedMillis() > timeoutMillis) {
            byId.remove(id, entry);
            return Optional.empty();
        }
        byId.replace(id, entry, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    public void close(String id) {
        byId.remove(id);
    }

    /** Ends every session of {@code username} (after its password changed or it was deleted), but {@code keep}. */
    public void closeAllOf(String username, String keep) {
        byId.values().removeIf(e -> e.session().username().equals(username) && !e.session().id().equals(keep));
    }

    /** Forgets sessions idle past the timeout. */
    public void expire() {
        long now = clock.getAsLong();
        byId.values().removeIf(e -> now - e.lastUsedMillis() > timeoutMillis);
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
