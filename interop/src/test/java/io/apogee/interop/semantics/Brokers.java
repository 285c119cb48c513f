package io.apogee.interop.semantics;

import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;

/**
 * The two server sides the consumption-semantics tests run against, one broker ({@link #BROKER}) each: Apache
 * RocketMQ 4.9.7's NameServer + broker with its default delay levels, and ours with short delay levels
 * {@code 1s 2s 3s 4s}; both with the fixture's transaction timings (timeout 1 s, check interval 2 s). Both let a send
 * wait 1 s in the send queue before fast failure answers SYSTEM_BUSY (200 ms by default): a loaded 2-core test JVM
 * running both brokers can stall a send thread that long, and flow control is not what these tests check.
 */
enum Brokers {
    APACHE(ClusterKind.APACHE, "SemanticsApache", null, new long[] {1_000, 5_000, 10_000, 30_000}),
    APOGEE(ClusterKind.APOGEE, "SemanticsApogee", "1s 2s 3s 4s", new long[] {1_000, 2_000, 3_000, 4_000});

    static final String BROKER = "broker-a";
    private static final String SEND_QUEUE_WAIT_MILLIS = "1000";

    private final ClusterKind kind;
    private final String clusterName;
    private final String delayLevels;
    private final long[] levelMillis;
    private TestCluster running;

    /** {@code delayLevels}: the broker's {@code messageDelayLevel}, {@code null} for its default. */
    Brokers(ClusterKind kind, String clusterName, String delayLevels, long[] levelMillis) {
        this.kind = kind;
        this.clusterName = clusterName;
        this.delayLevels = delayLevels;
        this.levelMillis = levelMillis;
    }

    /** The delay of {@code level} on this side. */
    long delayMillis(int level) {
        return levelMillis[level - 1];
    }

    /** The running servers of this side, started on first use. */
    synchronized TestCluster servers() {
        if (running == null) {
            TestCluster.Builder builder = kind.builder().clusterName(clusterName).brokers(BROKER)
                    .brokerProperty("waitTimeMillsInSendQueue", SEND_QUEUE_WAIT_MILLIS);
            if (delayLevels != null) {
                builder.brokerProperty("messageDelayLevel", delayLevels);
            }
            running = builder.start();
        }
        return running;
    }

    /** Stops every side started so far. */
    static synchronized void closeAll() {
        for (Brokers side : values()) {
            synchronized (side) {
                if (side.running != null) {
                    side.running.close();
                    side.running = null;
                }
            }
        }
    }
}
