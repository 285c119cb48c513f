package io.apogee.remoting.netty;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Tasks that are not a connection's request (a long-polling replay, anything {@code submit}ted), queued in order in
 * one lane that takes its turn as a connection does. The deque grows once to the largest backlog and is reused.
 */
final class SharedLane extends Lane {

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    void add(Runnable task) {
        tasks.addLast(task);
    }

    @Override
    Runnable poll() {
        return tasks.pollFirst();
    }

    @Override
    Runnable peek() {
        return tasks.peekFirst();
    }

    @Override
    boolean remove(Object task) {
        return tasks.removeFirstOccurrence(task);
    }

    @Override
    void forEach(Consumer<? super Runnable> action) {
        tasks.forEach(action);
    }
}
