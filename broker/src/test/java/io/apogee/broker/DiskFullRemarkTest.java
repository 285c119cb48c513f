package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A send refused for a full disk names the path, how full it is and the key that refuses it. */
class DiskFullRemarkTest {

    @TempDir
    Path dir;

    @Test
    void theRefusalSaysWhichDiskHowFullAndWhichKey() throws Exception {
        Properties extra = new Properties();
        extra.setProperty("diskSpaceWarningLevelRatio", "0.0001");
        try (BrokerFixture f = new BrokerFixture(dir, extra)) {
            f.createTopic("T", 1);
            RemotingCommand answer = f.invoke(BrokerFixture.send("T", 0, "m", ""));
            assertEquals(ResponseCode.SERVICE_NOT_AVAILABLE, answer.code());
            String remark = answer.remark();
            assertTrue(remark.startsWith("service not available now: disk full, the disk of "
                    + dir.resolve("commitlog")), remark);
            assertTrue(remark.contains("% used, above diskSpaceWarningLevelRatio 0.00"), remark);
        }
    }
}
