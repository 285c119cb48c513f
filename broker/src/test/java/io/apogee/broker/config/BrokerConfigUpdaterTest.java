package io.apogee.broker.config;

import static io.apogee.broker.config.BrokerConfigsTest.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigUpdaterTest {

    @TempDir
    Path dir;

    private Published<BrokerConfigs> published(String... kv) {
        return new Published<>(BrokerConfigs.bind(props(kv)));
    }

    @Test
    void anUpdateIsPublishedAndWrittenBackToTheConfigFileKeepingItsComments() throws Exception {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "# broker-a of the test\nbrokerName=broker-a\ntraceOn=true\n");
        Published<BrokerConfigs> configs = published("brokerName", "broker-a", "brokerConfigPath", file.toString());

        String note = new BrokerConfigUpdater(configs).apply(props("traceOn", "false", "fileReservedTime", "48"));

        assertNull(note);
        assertEquals(false, configs.get().broker().isTraceOn());
        assertEquals(48, configs.get().store().getFileReservedTime());
        assertEquals(List.of("# broker-a of the test", "brokerName=broker-a", "traceOn=false",
                "fileReservedTime=48"), Files.readAllLines(file));
    }

    @Test
    void aBadKeyOrValueChangesNothingAndSaysWhich() throws Exception {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "traceOn=true\n");
        Published<BrokerConfigs> configs = published("brokerConfigPath", file.toString());
        BrokerConfigs before = configs.get();
        BrokerConfigUpdater updater = new BrokerConfigUpdater(configs);

        ConfigException unknown = assertThrows(ConfigException.class,
                () -> updater.apply(props("traceOn", "false", "fileReservedTimes", "48")));
        assertEquals("fileReservedTimes", unknown.key());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> updater.apply(props("traceOn", "false", "fileReservedTime", "two days")));
        assertEquals("fileReservedTime", bad.key());
        assertTrue(bad.getMessage().contains("'two days'"), bad.getMessage());

        assertSame(before, configs.get());
        assertEquals("traceOn=true\n", Files.readString(file));
    }

    @Test
    void anUnwritableConfigFileChangesNothing() throws Exception {
        Path file = dir.resolve("broker.conf");
        Files.createDirectories(file);
        Published<BrokerConfigs> configs = published("brokerConfigPath", file.toString());
        BrokerConfigs before = configs.get();

        ConfigException e = assertThrows(ConfigException.class,
                () -> new BrokerConfigUpdater(configs).apply(props("traceOn", "false")));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertSame(before, configs.get());
    }

    @Test
    void theAnswerSaysWhichKeysWaitForARestartAndWhenNothingIsPersisted() {
        BrokerConfigUpdater updater = new BrokerConfigUpdater(published());
        String note = updater.apply(props("sendMessageThreadPoolNums", "2", "traceOn", "false"));
        assertTrue(note.startsWith("sendMessageThreadPoolNums takes effect at the next start"), note);
        assertTrue(note.contains("not persisted"), note);
    }

    @Test
    void blackListedKeysAreFoundByName() {
        BrokerConfigUpdater updater = new BrokerConfigUpdater(published("configBlackList", "traceOn;listenPort"));
        assertEquals(Optional.of("listenPort"), updater.blackListed(props("listenPort", "1", "regionId", "x")));
        assertEquals(Optional.empty(), updater.blackListed(props("storePathRootDir", "/tmp/x")));
        assertEquals(Optional.of("brokerConfigPath"), new BrokerConfigUpdater(published())
                .blackListed(props("brokerConfigPath", "/tmp/x")));
    }

    /** Two keys always changed together, one of the broker's and one of the store's, must never be seen apart. */
    @Test
    void concurrentReadersNeverSeeAHalfAppliedUpdate() throws Exception {
        Published<BrokerConfigs> configs = published("transactionCheckMax", "0", "fileReservedTime", "0");
        BrokerConfigUpdater updater = new BrokerConfigUpdater(configs);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong torn = new AtomicLong();
        CountDownLatch readersDone = new CountDownLatch(2);
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    BrokerConfigs now = configs.get();
                    if (now.broker().getTransactionCheckMax() != now.store().getFileReservedTime()) {
                        torn.incrementAndGet();
                    }
                }
                readersDone.countDown();
            });
            reader.setDaemon(true);
            reader.start();
        }
        for (int i = 1; i <= 300; i++) {
            String v = String.valueOf(i);
            updater.apply(props("transactionCheckMax", v, "fileReservedTime", v));
            assertThrows(ConfigException.class, () -> updater.apply(props("transactionCheckMax", "-5",
                    "fileReservedTime", "-5", "traceOn", "maybe")));
        }
        stop.set(true);
        assertTrue(readersDone.await(30, TimeUnit.SECONDS));
        assertEquals(0, torn.get());
        assertEquals(300, configs.get().broker().getTransactionCheckMax());
        assertEquals("300", ConfigBinder.toMap(configs.get().store()).get("fileReservedTime"));
    }
}
