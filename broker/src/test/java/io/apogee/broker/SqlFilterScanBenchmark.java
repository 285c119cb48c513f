package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a selective SQL92 subscription costs the broker (README "SQL92 filtering"): one queue of 20,000 messages, one
 * in a hundred tagged {@code Rare} with property {@code rare=y}, read from the start to the end by pulls of 32 with a
 * tag subscription of everything, a SQL92 condition on TAGS (skipped by tag code, no message read) and one on a
 * property (every message's properties read). Prints the time of each pass, best of three.
 */
@Tag("benchmark")
class SqlFilterScanBenchmark {

    private static final String TOPIC = "ScanTopic";
    private static final int MESSAGES = 20_000;

    @TempDir
    Path dir;

    @Test
    void selectiveFiltersScanTheQueue() throws Exception {
        Properties p = new Properties();
        p.setProperty("enablePropertyFilter", "true");
        p.setProperty("mappedFileSizeCommitLog", String.valueOf(64 * 1024 * 1024));
        p.setProperty("mappedFileSizeConsumeQueue", String.valueOf(300_000 * 20));
        try (BrokerFixture f = new BrokerFixture(dir, p)) {
            f.createTopic(TOPIC, 1);
            for (int i = 0; i < MESSAGES; i++) {
                boolean rare = i % 100 == 0;
                RemotingCommand sent = f.invoke(BrokerFixture.send(TOPIC, 0, "body-" + i, "a\u0001" + i
                        + "\u0002rare\u0001" + (rare ? "y" : "n") + "\u0002TAGS\u0001" + (rare ? "Rare" : "Common")));
                assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
            }
            for (String[] filter : new String[][] {{"TAG", "*"}, {"SQL92", "TAGS = 'Rare'"},
                    {"SQL92", "rare = 'y'"}}) {
                long best = Long.MAX_VALUE;
                int found = 0;
                for (int round = 0; round < 3; round++) {
                    long start = System.nanoTime();
                    found = scan(f, filter[0], filter[1]);
                    best = Math.min(best, System.nanoTime() - start);
                }
                System.out.printf("RESULT %s %-16s %6d of %d messages in %5.1f ms (%,.0f messages scanned/s)%n",
                        filter[0], filter[1], found, MESSAGES, best / 1e6, MESSAGES / (best / 1e9));
            }
        }
    }

    /** Pulls the queue from 0 to its end; the number of messages found. */
    private static int scan(BrokerFixture f, String type, String expression) throws Exception {
        long offset = 0;
        int found = 0;
        while (offset < MESSAGES) {
            RemotingCommand pull = BrokerFixture.pull(TOPIC, 0, offset, PullMessageRequestHeader.FLAG_SUBSCRIPTION,
                    expression, 0);
            pull.extFields().put("expressionType", type);
            RemotingCommand answer = f.invoke(pull);
            if (answer.code() == ResponseCode.SUCCESS) {
                found += countRecords(answer.body());
            }
            offset = answer.decodeHeader(PullMessageResponseHeader.class).getNextBeginOffset();
        }
        return found;
    }

    private static int countRecords(byte[] body) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(body);
        int n = 0;
        while (buf.hasRemaining()) {
            buf.position(buf.position() + buf.getInt(buf.position()));
            n++;
        }
        return n;
    }
}
