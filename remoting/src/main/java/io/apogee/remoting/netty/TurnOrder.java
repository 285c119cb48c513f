package io.apogee.remoting.netty;

/**
 * The lanes of a {@link FairRequestQueue} waiting for their turn, first come first served, each at most once: a lane
 * that is served and still holds tasks joins again at the end, behind every other lane with work. Guarded by the
 * owning queue's lock.
 */
final class TurnOrder {

    private Lane first;
    private Lane last;

    /** Puts {@code lane} last unless it already waits for a turn. */
    void join(Lane lane) {
        if (lane.awaitsTurn) {
            return;
        }
        lane.awaitsTurn = true;
        lane.nextTurn = null;
        if (last == null) {
            first = lane;
        } else {
            last.nextTurn = lane;
        }
        last = lane;
    }

    /** Removes and returns the lane whose turn it is, or {@code null} when none waits. */
    Lane next() {
        Lane lane = first;
        if (lane != null) {
            first = lane.nextTurn;
            if (first == null) {
                last = null;
            }
            lane.nextTurn = null;
            lane.awaitsTurn = false;
        }
        return lane;
    }

    /** The lane whose turn it is, without removing it; follow {@link Lane#nextTurn} for the ones after it. */
    Lane first() {
        return first;
    }
}
