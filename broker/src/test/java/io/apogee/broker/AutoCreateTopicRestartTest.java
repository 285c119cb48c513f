package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.topic.Permission;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autoCreateTopicEnable} on an existing store: a store first run with auto-creation on keeps TBW102 (perm 7)
 * in {@code topics.json}; restarted with it off, a send to an unknown topic is refused, and turned on again, it
 * creates topics again.
 */
class AutoCreateTopicRestartTest {

    @TempDir
    Path dir;

    @Test
    void theFlagHoldsAfterARestartEitherWay() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, autoCreate(true))) {
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send("Early", 0, "x", "")).code());
            assertEquals(Permission.READ_WRITE | Permission.INHERIT, f.broker.topics().select("TBW102").getPerm());
        }
        assertTrue(Files.readString(dir.resolve("config/topics.json")).contains("\"TBW102\""));

        try (BrokerFixture f = new BrokerFixture(dir, autoCreate(false))) {
            RemotingCommand refused = f.invoke(BrokerFixture.send("Unknown", 0, "x", ""));
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, refused.code(), refused.remark());
            assertTrue(refused.remark().contains("topic[Unknown] not exist"), refused.remark());
            assertTrue(refused.remark().contains("autoCreateTopicEnable"), refused.remark());
            assertNull(f.broker.topics().select("Unknown"));
            assertEquals(Permission.READ_WRITE, f.broker.topics().select("TBW102").getPerm());
            RemotingCommand existing = f.invoke(BrokerFixture.send("Early", 0, "y", ""));
            assertEquals(ResponseCode.SUCCESS, existing.code(), existing.remark());
        }

        try (BrokerFixture f = new BrokerFixture(dir, autoCreate(true))) {
            RemotingCommand created = f.invoke(BrokerFixture.send("Later", 0, "z", ""));
            assertEquals(ResponseCode.SUCCESS, created.code(), created.remark());
            assertEquals(Permission.READ_WRITE, f.broker.topics().select("Later").getPerm());
        }
    }

    @Test
    void aFreshStoreWithTheFlagOffHasNoTemplate() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, autoCreate(false))) {
            assertNull(f.broker.topics().select("TBW102"));
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, f.invoke(BrokerFixture.send("Unknown", 0, "x", "")).code());
        }
    }

    private static Properties autoCreate(boolean enabled) {
        Properties p = new Properties();
        p.setProperty("autoCreateTopicEnable", String.valueOf(enabled));
        return p;
    }
}
