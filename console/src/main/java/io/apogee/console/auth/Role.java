package io.apogee.console.auth;

/** What a console user may do; each role may do everything the roles before it may. */
public enum Role {
    /** Reads every page. */
    VIEWER,
    /** Also changes topics, groups and offsets, sends and resends messages. */
    OPERATOR,
    /** Also manages users and broker configuration, and reads the audit log. */
    ADMIN;

    /** Whether this role may do what {@code required} may. */
    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }
}
