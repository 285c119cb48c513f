package io.apogee.remoting.netty;

import java.util.function.Consumer;

/**
 * One connection's requests waiting for one executor, in the order they were read: a singly linked list through
 * {@link RequestTask#nextInLane}, so queueing allocates nothing. A connection's requests are created on its one event
 * loop as they are read, so they are also in {@link RequestTask#createdMillis} order: the head waited longest.
 */
final class ConnectionLane extends Lane {

    private RequestTask head;
    private RequestTask tail;

    void add(RequestTask task) {
        task.nextInLane = null;
        if (tail == null) {
            head = task;
        } else {
            tail.nextInLane = task;
        }
        tail = task;
    }

    @Override
    RequestTask poll() {
        RequestTask task = head;
        if (task != null) {
            head = task.nextInLane;
            if (head == null) {
                tail = null;
            }
            task.nextInLane = null;
        }
        return task;
    }

    /** Removes and returns the oldest task if it was queued at or before {@code cutoffMillis}, else {@code null}. */
    RequestTask pollQueuedBy(long cutoffMillis) {
        return head != null && head.createdMillis() <= cutoffMillis ? poll() : null;
    }

    @Override
    RequestTask peek() {
        return head;
    }

    @Override
    boolean remove(Object task) {
        RequestTask previous = null;
        for (RequestTask t = head; t != null; previous = t, t = t.nextInLane) {
            if (t == task) {
                if (previous == null) {
                    head = t.nextInLane;
                } else {
                    previous.nextInLane = t.nextInLane;
                }
                if (tail == t) {
                    tail = previous;
                }
                t.nextInLane = null;
                return true;
            }
        }
        return false;
    }

    @Override
    void forEach(Consumer<? super Runnable> action) {
        for (RequestTask t = head; t != null; t = t.nextInLane) {
            action.accept(t);
        }
    }
}
