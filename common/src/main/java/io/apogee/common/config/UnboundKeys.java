package io.apogee.common.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of a server's properties that none of its config objects took, in two kinds: keys of the RocketMQ server
 * it stands in for that it does not apply (accepted, warned about once as not applicable), and keys nobody knows.
 *
 * @param notApplicable RocketMQ keys without an Apogee counterpart, sorted
 * @param unknown       keys that are not RocketMQ's either (typos, other products' keys), sorted
 */
public record UnboundKeys(Set<String> notApplicable, Set<String> unknown) {

    /** No key left over. */
    public static final UnboundKeys NONE = new UnboundKeys(Set.of(), Set.of());

    /** Unmodifiable copies, so a snapshot holding them stays unchanged. */
    public UnboundKeys {
        notApplicable = Collections.unmodifiableSet(new TreeSet<>(notApplicable));
        unknown = Collections.unmodifiableSet(new TreeSet<>(unknown));
    }

    /** Sorts {@code unbound} by whether {@code rocketMqKeys} (one of {@link RocketMqKeys}' sets) has each key. */
    public static UnboundKeys of(Set<String> unbound, Set<String> rocketMqKeys) {
        Set<String> notApplicable = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        for (String key : unbound) {
            (rocketMqKeys.contains(key) ? notApplicable : unknown).add(key);
        }
        return new UnboundKeys(notApplicable, unknown);
    }

    /** The warnings to print at start: one line naming every not-applicable key, then one line per unknown key. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        if (!notApplicable.isEmpty()) {
            lines.add("RocketMQ config key" + (notApplicable.size() == 1 ? "" : "s") + " not applicable to Apogee,"
                    + " ignored: " + String.join(", ", notApplicable));
        }
        for (String key : unknown) {
            lines.add("unknown config key '" + key + "' ignored");
        }
        return lines;
    }
}
