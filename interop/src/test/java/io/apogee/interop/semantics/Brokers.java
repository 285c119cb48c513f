package io.apogee.interop.semantics;

import io.apogee.interop.fixture.ApacheCluster;
import io.apogee.interop.fixture.ApogeeCluster;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The two server sides the consumption-semantics tests run against: Apache RocketMQ 4.9.7's NameServer + broker
 * (default delay levels, transaction timeout 1 s and check interval 2 s as {@link ApacheCluster} sets them) and ours
 * (short delay levels {@code 1s 2s 3s 4s}, the same transaction timings). One broker, {@link #BROKER}. Both let a
 * send wait 1 s in the send queue before fast failure answers SYSTEM_BUSY (200 ms by default): a loaded 2-core test
 * JVM running both brokers can stall a send thread that long, and flow control is not what these tests check.
 */
enum Brokers {
    APACHE(new long[] {1_000, 5_000, 10_000, 30_000}),
    APOGEE(new long[] {1_000, 2_000, 3_000, 4_000});

    static final String BROKER = "broker-a";
    private static final int SEND_QUEUE_WAIT_MILLIS = 1000;

    private final long[] levelMillis;
    private Running running;

    Brokers(long[] levelMillis) {
        this.levelMillis = levelMillis;
    }

    /** The delay of {@code level} on this side. */
    long delayMillis(int level) {
        return levelMillis[level - 1];
    }

    /** The running servers of this side, started on first use. */
    synchronized Running servers() {
        if (running == null) {
            running = this == APACHE ? apache() : apogee();
        }
        return running;
    }

    /** Stops every side started so far. */
    static synchronized void closeAll() {
        for (Brokers side : values()) {
            if (side.running != null) {
                side.running.close();
                side.running = null;
            }
        }
    }

    private static Running apache() {
        ApacheCluster cluster = ApacheCluster.builder().clusterName("SemanticsApache")
                .brokerConfig(c -> c.setWaitTimeMillsInSendQueue(SEND_QUEUE_WAIT_MILLIS)).start();
        return new Running(cluster.namesrvAddr(), cluster.brokerAddr(BROKER), () -> {
            cluster.stopBroker(BROKER);
            cluster.startBroker(BROKER);
        }, cluster::close);
    }

    private static Running apogee() {
        try {
            ApogeeCluster cluster = ApogeeCluster.builder().clusterName("SemanticsApogee")
                    .brokerProperty("messageDelayLevel", "1s 2s 3s 4s")
                    .brokerProperty("transactionTimeOut", "1000")
                    .brokerProperty("transactionCheckInterval", "2000")
                    .brokerProperty("waitTimeMillsInSendQueue", String.valueOf(SEND_QUEUE_WAIT_MILLIS))
                    .start();
            return new Running(cluster.namesrvAddr(), cluster.brokerAddr(BROKER), () -> {
                cluster.stopBroker(BROKER);
                cluster.startBroker(BROKER);
            }, cluster::close);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started NameServer + broker. */
    record Running(String namesrvAddr, String brokerAddr, Runnable restartBroker, Runnable stop) {
        void close() {
            stop.run();
        }
    }
}
