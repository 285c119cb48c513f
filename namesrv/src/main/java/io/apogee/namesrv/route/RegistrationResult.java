package io.apogee.namesrv.route;

/**
 * What a registering broker is told: for a slave whose master is registered, the master's address and HA address;
 * both {@code null} otherwise.
 */
public record RegistrationResult(String masterAddr, String haServerAddr) {

    static final RegistrationResult NONE = new RegistrationResult(null, null);
}
