package io.apogee.broker.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A white-list address as plain_acl.yml writes one (RocketMQ 4.9's forms): blank matches nothing; {@code *},
 * {@code *.*.*.*} or {@code *:*:*:*:*:*:*:*} matches every address; {@code 192.168.1.{1,2,3}} or
 * {@code 10.0.0.1,10.0.0.2} a list; {@code 192.168.*.*} or {@code 192.168.1.10-20} a range of IPv4 addresses, each
 * octet exact, {@code *} or {@code a-b}; anything else one exact address.
 */
public final class AddressPattern {

    private static final Set<String> EVERY = Set.of("*", "*.*.*.*", "*:*:*:*:*:*:*:*");
    private static final int OCTETS = 4;

    private final String source;
    /** Exact addresses; empty for a range or every-address pattern. */
    private final Set<String> exact;
    /** Per octet [low, high]; {@code null} unless a range. */
    private final int[][] range;
    private final boolean every;

    private AddressPattern(String source, Set<String> exact, int[][] range, boolean every) {
        this.source = source;
        this.exact = exact;
        this.range = range;
        this.every = every;
    }

    /**
     * Reads one pattern.
     *
     * @throws IllegalArgumentException naming the pattern when a range octet or list is malformed
     */
    public static AddressPattern parse(String text) {
        if (text == null || text.isBlank()) {
            return new AddressPattern(text == null ? "" : text, Set.of(), null, false);
        }
        String s = text.trim();
        if (EVERY.contains(s)) {
            return new AddressPattern(s, Set.of(), null, true);
        }
        if (s.endsWith("}")) {
            int open = s.indexOf('{');
            if (open < 0) {
                throw new IllegalArgumentException("address pattern " + s + " has a '}' without '{'");
            }
            String prefix = s.substring(0, open);
            List<String> all = new ArrayList<>();
            for (String last : s.substring(open + 1, s.length() - 1).split(",")) {
                all.add(prefix + last.trim());
            }
            return new AddressPattern(s, Set.copyOf(all), null, false);
        }
        if (s.contains(",")) {
            List<String> all = new ArrayList<>();
            for (String one : s.split(",")) {
                if (!one.isBlank()) {
                    all.add(one.trim());
                }
            }
            return new AddressPattern(s, Set.copyOf(all), null, false);
        }
        if (s.contains("*") || s.contains("-")) {
            return new AddressPattern(s, Set.of(), octetRanges(s), false);
        }
        return new AddressPattern(s, Set.of(s), null, false);
    }

    private static int[][] octetRanges(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > OCTETS) {
            throw new IllegalArgumentException("address range " + s + " has more than 4 octets");
        }
        int[][] range = new int[OCTETS][];
        for (int i = 0; i < OCTETS; i++) {
            String part = i < parts.length ? parts[i].trim() : "*";
            if (i >= parts.length && !"*".equals(parts[parts.length - 1].trim())) {
                throw new IllegalArgumentException("address range " + s + " has fewer than 4 octets");
            }
            range[i] = octetRange(s, part);
        }
        return range;
    }

    private static int[] octetRange(String s, String part) {
        if ("*".equals(part)) {
            return new int[] {0, 255};
        }
        int dash = part.indexOf('-');
        int low = octet(s, dash < 0 ? part : part.substring(0, dash));
        int high = dash < 0 ? low : octet(s, part.substring(dash + 1));
        if (low > high) {
            throw new IllegalArgumentException("address range " + s + ": " + part + " starts above its end");
        }
        return new int[] {low, high};
    }

    private static int octet(String s, String digits) {
        try {
            int v = Integer.parseInt(digits.trim());
            if (v >= 0 && v <= 255) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("address range " + s + ": '" + digits + "' is not an octet 0-255");
    }

    /** Whether the numeric address {@code ip} (no port) matches. */
    public boolean matches(String ip) {
        if (every) {
            return true;
        }
        if (ip == null) {
            return false;
        }
        if (range == null) {
            return exact.contains(ip);
        }
        String[] parts = ip.split("\\.");
        if (parts.length != OCTETS) {
            return false;
        }
        for (int i = 0; i < OCTETS; i++) {
            int v;
            try {
                v = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                return false;
            }
            if (v < range[i][0] || v > range[i][1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
