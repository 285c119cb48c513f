package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.apogee.common.topic.Permission;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code traceTopicEnable} / {@code msgTraceTopicName}: the trace topic exists (one queue, read-write, as RocketMQ
 * 4.9's) only when enabled, under the configured name, and takes sends with auto-creation off.
 */
class TraceTopicTest {

    @TempDir
    Path dir;

    @Test
    void theTraceTopicIsCreatedOnlyWhenEnabled() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir.resolve("off"), props())) {
            assertNull(f.broker.topics().select("RMQ_SYS_TRACE_TOPIC"));
        }
        try (BrokerFixture f = new BrokerFixture(dir.resolve("on"), props("traceTopicEnable", "true"))) {
            TopicConfig trace = f.broker.topics().select("RMQ_SYS_TRACE_TOPIC");
            assertEquals(1, trace.getReadQueueNums());
            assertEquals(1, trace.getWriteQueueNums());
            assertEquals(Permission.READ_WRITE, trace.getPerm());
            RemotingCommand sent = f.invoke(BrokerFixture.send("RMQ_SYS_TRACE_TOPIC", 0, "trace", ""));
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
        }
    }

    @Test
    void msgTraceTopicNameNamesTheTopic() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, props("traceTopicEnable", "true",
                "msgTraceTopicName", "MyTrace"))) {
            assertEquals(1, f.broker.topics().select("MyTrace").getWriteQueueNums());
            assertNull(f.broker.topics().select("RMQ_SYS_TRACE_TOPIC"));
        }
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("autoCreateTopicEnable", "false");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
