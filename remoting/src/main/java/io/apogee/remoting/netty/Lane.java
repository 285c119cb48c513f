package io.apogee.remoting.netty;

import java.util.function.Consumer;

/**
 * Tasks of one source waiting in a {@link FairRequestQueue}, oldest first, and this lane's place in the queue's turn
 * order. Everything here is guarded by the owning queue's lock.
 */
abstract sealed class Lane permits ConnectionLane, SharedLane {

    /** The lane whose turn comes after this one's, while this one {@link #awaitsTurn}. */
    Lane nextTurn;
    /** Whether this lane is in its queue's turn order: always when it holds a task (it may also be empty then). */
    boolean awaitsTurn;

    /** Removes and returns the oldest task, or {@code null} when empty. */
    abstract Runnable poll();

    /** The oldest task, or {@code null} when empty. */
    abstract Runnable peek();

    /** Removes {@code task} if it waits here. */
    abstract boolean remove(Object task);

    /** Passes every waiting task, oldest first, to {@code action}. */
    abstract void forEach(Consumer<? super Runnable> action);
}
