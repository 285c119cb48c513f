package io.apogee.console.auth;

/**
 * A console account as stored in {@code users.json}.
 *
 * @param username     the login name
 * @param role         what the user may do
 * @param passwordHash {@link PasswordHasher}'s form, never the password
 * @param created      creation time, epoch millis
 */
public record User(String username, Role role, String passwordHash, long created) {
}
