package io.apogee.remoting.netty;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ObjIntConsumer;

/**
 * A request executor's work queue that takes connections in turn: each connection's requests wait in its own lane
 * ({@link ConnectionLane}), and the executor's threads take one request from each lane with work in round-robin
 * order ({@link TurnOrder}); everything that is not a connection's request shares one more lane ({@link SharedLane}).
 *
 * <p>Invariants, under {@link #lock}: a request waits behind at most one request of each other lane that had work when
 * its own lane joined the turn order (plus those already running), however many a flooding connection queued; the
 * requests of one connection leave in the order they came, as they did from the single FIFO this replaces; every lane
 * holding a task is in the turn order (an emptied lane may stay there until its turn, when it is dropped), so
 * {@link #count} {@code > 0} means a turn will find a task. At most {@code capacity} tasks wait in all; {@code offer}
 * returns {@code false} beyond, so a {@link java.util.concurrent.ThreadPoolExecutor} rejects the task as it did with a
 * bounded queue.
 *
 * <p>Queueing and taking allocate nothing: a request is linked through its own task, and each lane is created once
 * per connection and kept on that connection ({@link Channel#attr}), so it goes when the connection does.
 */
public final class FairRequestQueue extends AbstractQueue<Runnable> implements BlockingQueue<Runnable> {

    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final int capacity;
    /** Each queue keeps its own lane on a connection: one connection's requests can go to several executors. */
    private final AttributeKey<ConnectionLane> laneKey =
            AttributeKey.newInstance("apogeeRequestLane-" + QUEUES.incrementAndGet());
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final TurnOrder turns = new TurnOrder();
    private final SharedLane shared = new SharedLane();
    private int count;

    /** A queue holding at most {@code capacity} tasks. */
    public FairRequestQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean offer(Runnable task) {
        Objects.requireNonNull(task, "task");
        ConnectionLane lane = laneFor(task);
        lock.lock();
        try {
            if (count == capacity) {
                return false;
            }
            enqueue(task, lane);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean offer(Runnable task, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        ConnectionLane lane = laneFor(task);
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == capacity) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            enqueue(task, lane);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(Runnable task) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        ConnectionLane lane = laneFor(task);
        lock.lockInterruptibly();
        try {
            while (count == capacity) {
                notFull.await();
            }
            enqueue(task, lane);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable poll() {
        lock.lock();
        try {
            return count == 0 ? null : dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /** The task the next {@link #poll} returns. */
    @Override
    public Runnable peek() {
        lock.lock();
        try {
            for (Lane lane = turns.first(); lane != null; lane = lane.nextTurn) {
                Runnable task = lane.peek();
                if (task != null) {
                    return task;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(Object task) {
        Lane lane;
        if (task instanceof RequestTask request && request.channel() != null) {
            lane = request.channel().attr(laneKey).get();
        } else if (task instanceof Runnable) {
            lane = shared;
        } else {
            return false;
        }
        if (lane == null) {
            return false;
        }
        lock.lock();
        try {
            if (!lane.remove(task)) {
                return false;
            }
            count--;
            notFull.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every connection's request queued at or before {@code cutoffMillis} ({@link RequestTask#createdMillis})
     * and then, with the lock released, passes each to {@code expired} with the number of tasks that were left queued
     * just after its removal. Only each lane's head needs looking at: a lane's requests are queued oldest first.
     *
     * @return how many requests were removed
     */
    public int expireQueuedBy(long cutoffMillis, ObjIntConsumer<RequestTask> expired) {
        RequestTask first = null;
        RequestTask last = null;
        int removed = 0;
        int left;
        lock.lock();
        try {
            for (Lane lane = turns.first(); lane != null; lane = lane.nextTurn) {
                if (lane instanceof ConnectionLane connection) {
                    RequestTask task;
                    while ((task = connection.pollQueuedBy(cutoffMillis)) != null) {
                        // Out of its lane, the task's link chains the expired ones: still nothing allocated.
                        if (last == null) {
                            first = task;
                        } else {
                            last.nextInLane = task;
                        }
                        last = task;
                        removed++;
                    }
                }
            }
            count -= removed;
            left = count;
            if (removed > 0) {
                notFull.signalAll();
            }
        } finally {
            lock.unlock();
        }
        int after = left + removed;
        for (RequestTask task = first; task != null; ) {
            RequestTask next = task.nextInLane;
            task.nextInLane = null;
            expired.accept(task, --after);
            task = next;
        }
        return removed;
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            return capacity - count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super Runnable> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    /** Moves up to {@code max} tasks to {@code sink} in the order {@link #poll} would return them. */
    @Override
    public int drainTo(Collection<? super Runnable> sink, int max) {
        Objects.requireNonNull(sink, "sink");
        if (sink == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        lock.lock();
        try {
            int moved = 0;
            while (moved < max && count > 0) {
                sink.add(dequeue());
                moved++;
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A snapshot of the waiting tasks, lane by lane in turn order (not the order {@link #poll} returns them across
     * lanes); its {@code remove} removes the last task returned from this queue if it still waits.
     */
    @Override
    public Iterator<Runnable> iterator() {
        Runnable[] snapshot;
        lock.lock();
        try {
            snapshot = new Runnable[count];
            int[] next = {0};
            for (Lane lane = turns.first(); lane != null; lane = lane.nextTurn) {
                lane.forEach(task -> snapshot[next[0]++] = task);
            }
        } finally {
            lock.unlock();
        }
        return new Snapshot(snapshot);
    }

    /** The lane a connection's request waits in, created on the connection's first request; {@code null} else. */
    private ConnectionLane laneFor(Runnable task) {
        if (!(task instanceof RequestTask request) || request.channel() == null) {
            return null;
        }
        Attribute<ConnectionLane> attribute = request.channel().attr(laneKey);
        ConnectionLane lane = attribute.get();
        if (lane == null) {
            ConnectionLane created = new ConnectionLane();
            lane = attribute.setIfAbsent(created);
            if (lane == null) {
                lane = created;
            }
        }
        return lane;
    }

    /** Lock held, room checked. */
    private void enqueue(Runnable task, ConnectionLane lane) {
        if (lane != null) {
            lane.add((RequestTask) task);
            turns.join(lane);
        } else {
            shared.add(task);
            turns.join(shared);
        }
        count++;
        notEmpty.signal();
    }

    /** Lock held, {@code count > 0}: the oldest task of the lane whose turn it is; lanes found empty are dropped. */
    private Runnable dequeue() {
        while (true) {
            Lane lane = turns.next();
            Runnable task = lane.poll();
            if (task != null) {
                if (lane.peek() != null) {
                    turns.join(lane);
                }
                count--;
                notFull.signal();
                return task;
            }
        }
    }

    private final class Snapshot implements Iterator<Runnable> {
        private final Runnable[] tasks;
        private int next;
        private Runnable last;

        Snapshot(Runnable[] tasks) {
            this.tasks = tasks;
        }

        @Override
        public boolean hasNext() {
            return next < tasks.length;
        }

        @Override
        public Runnable next() {
            if (next == tasks.length) {
                throw new NoSuchElementException();
            }
            last = tasks[next++];
            return last;
        }

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException();
            }
            FairRequestQueue.this.remove(last);
            last = null;
        }
    }
}
