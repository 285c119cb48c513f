package io.apogee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RocketMQ 4.9's {@code -Drocketmq.broker.diskSpace*Ratio} system properties set the two disk ratios' defaults. */
class DiskRatioPropertiesTest {

    private static final String WARNING = "rocketmq.broker.diskSpaceWarningLevelRatio";
    private static final String FORCIBLY = "rocketmq.broker.diskSpaceCleanForciblyRatio";

    @AfterEach
    void clear() {
        System.clearProperty(WARNING);
        System.clearProperty(FORCIBLY);
    }

    @Test
    void withoutThePropertiesRocketMqsDefaultsHold() {
        MessageStoreConfig c = new MessageStoreConfig();
        assertEquals(0.90, c.getDiskSpaceWarningLevelRatio());
        assertEquals(0.85, c.getDiskSpaceCleanForciblyRatio());
    }

    @Test
    void thePropertiesSetTheDefaultsAndAreValidated() {
        System.setProperty(WARNING, "0.97");
        System.setProperty(FORCIBLY, "0.93");
        MessageStoreConfig c = new MessageStoreConfig();
        assertEquals(0.97, c.getDiskSpaceWarningLevelRatio());
        assertEquals(0.93, c.getDiskSpaceCleanForciblyRatio());
        c.setDiskSpaceWarningLevelRatio(0.5);
        assertEquals(0.5, c.getDiskSpaceWarningLevelRatio(), "a configured key still wins");

        System.setProperty(WARNING, "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, MessageStoreConfig::new);
        assertEquals("-D" + WARNING + "=lots is not a number", e.getMessage());
    }
}
