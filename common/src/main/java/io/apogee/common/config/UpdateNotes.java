package io.apogee.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The remark parts both servers give a runtime config update that did not simply take effect. */
public final class UpdateNotes {

    private UpdateNotes() {
    }

    /**
     * The notes for an update's remark.
     *
     * @param notApplicable RocketMQ keys of the update that we do not apply
     * @param atRestart     keys of the update that are read only at start
     * @return one note per non-empty set, in that order (a mutable list, for the caller's own notes)
     */
    public static List<String> of(Set<String> notApplicable, Set<String> atRestart) {
        List<String> notes = new ArrayList<>();
        if (!notApplicable.isEmpty()) {
            notes.add(String.join(", ", notApplicable) + " not applicable to Apogee, ignored");
        }
        if (!atRestart.isEmpty()) {
            notes.add(String.join(", ", atRestart) + " take" + (atRestart.size() == 1 ? "s" : "")
                    + " effect at the next start");
        }
        return notes;
    }
}
