package io.apogee.console.auth;

/**
 * A logged-in browser or script.
 *
 * @param id        the session cookie's value (random, 256 bits)
 * @param username  who logged in
 * @param role      their role at login
 * @param csrfToken what every write must carry in the {@code X-CSRF-Token} header
 */
public record Session(String id, String username, Role role, String csrfToken) {
}
