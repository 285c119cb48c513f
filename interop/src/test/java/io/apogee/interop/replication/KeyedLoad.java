package io.apogee.interop.replication;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Sync sends of keyed messages ({@code prefix + n}, small bodies) from several threads through one official
 * producer, until {@code count} were tried or {@link #stop()}: records each key by the status its send returned and
 * counts the sends that threw. Each key is tried once (the producer's own retries aside).
 */
final class KeyedLoad {

    private final DefaultMQProducer producer;
    private final String topic;
    private final String prefix;
    private final int count;
    private final byte[] body;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<SendStatus, Set<String>> byStatus = new EnumMap<>(SendStatus.class);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    KeyedLoad(DefaultMQProducer producer, String topic, String prefix, int count, int bodySize) {
        this.producer = producer;
        this.topic = topic;
        this.prefix = prefix;
        this.count = count;
        this.body = new byte[bodySize];
        for (SendStatus status : SendStatus.values()) {
            byStatus.put(status, ConcurrentHashMap.newKeySet());
        }
    }

    /** Starts {@code threadCount} sending threads. */
    KeyedLoad start(int threadCount) {
        for (int t = 0; t < threadCount; t++) {
            Thread thread = new Thread(this::sendUntilDone, "keyed-load-" + prefix + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Sends every key with {@code threadCount} threads and returns once all sends have returned. */
    KeyedLoad run(int threadCount) throws InterruptedException {
        start(threadCount).awaitDone();
        return this;
    }

    /** Asks the threads to stop after their current send. */
    void stop() {
        stopped = true;
    }

    /** Waits (at most {@link ReplicaSet#WAIT}) for every thread to finish. */
    void awaitDone() throws InterruptedException {
        long deadline = System.nanoTime() + ReplicaSet.WAIT.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " still sending after " + ReplicaSet.WAIT);
            }
        }
    }

    private void sendUntilDone() {
        for (int n = next.getAndIncrement(); n < count && !stopped; n = next.getAndIncrement()) {
            String key = prefix + n;
            try {
                SendStatus status = producer.send(new Message(topic, "load", key, body)).getSendStatus();
                byStatus.get(status).add(key);
            } catch (Exception e) {
                failures.incrementAndGet();
                lastFailure.set(e);
            } catch (Error e) {
                failures.incrementAndGet();
                throw e;
            }
        }
    }

    /** Keys whose send returned {@code status}. */
    Set<String> keys(SendStatus status) {
        return Set.copyOf(byStatus.get(status));
    }

    /** Sends answered with some status (stored by the broker, whatever its durability). */
    int answered() {
        return byStatus.values().stream().mapToInt(Set::size).sum();
    }

    int sendOk() {
        return byStatus.get(SendStatus.SEND_OK).size();
    }

    /** Sends that threw (after the producer's retries). */
    long failures() {
        return failures.get();
    }

    /** How many keys were handed out to a send so far. */
    int tried() {
        return Math.min(next.get(), count);
    }

    /** The statuses and failures, e.g. {@code SEND_OK=49990 SLAVE_NOT_AVAILABLE=10 failures=0 (last: ...)}. */
    String summary() {
        StringBuilder s = new StringBuilder();
        byStatus.forEach((status, keys) -> s.append(status).append('=').append(keys.size()).append(' '));
        s.append("failures=").append(failures.get());
        Exception last = lastFailure.get();
        if (last != null) {
            s.append(" (last: ").append(last).append(')');
        }
        return s.toString();
    }
}
