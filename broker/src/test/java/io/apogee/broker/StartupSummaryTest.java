package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.config.BrokerConfigs;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's start-up line names version, role, ports, store and its space, flush mode, heap, changed keys. */
class StartupSummaryTest {

    @TempDir
    Path dir;

    @Test
    void theLineNamesWhatAnOperatorChecksAndOnlyTheKeysThatDifferFromTheDefaults() {
        Properties properties = new Properties();
        properties.setProperty("brokerName", "broker-x");
        properties.setProperty("flushDiskType", "SYNC_FLUSH");
        properties.setProperty("storePathRootDir", dir.toString());
        BrokerConfigs configs = BrokerConfigs.bind(properties);

        String line = StartupSummary.describe(configs, "10.0.0.1:10911", 10909, 10912);

        assertTrue(line.startsWith("broker broker-x of cluster DefaultCluster starting: Apogee "), line);
        assertTrue(line.contains("role ASYNC_MASTER (brokerId 0), address 10.0.0.1:10911, VIP port 10909, HA port"
                + " 10912, store " + dir + " ("), line);
        assertTrue(line.contains(" MiB free of ") && line.contains("SYNC_FLUSH, heap max "), line);
        List<String> changed = StartupSummary.nonDefaultKeys(configs);
        assertTrue(changed.contains("brokerName=broker-x") && changed.contains("flushDiskType=SYNC_FLUSH"),
                changed.toString());
        assertTrue(line.endsWith("non-default keys: " + String.join(", ", changed)), line);
        assertEquals(List.of(), StartupSummary.nonDefaultKeys(BrokerConfigs.bind(new Properties())));
    }
}
