package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.config.BrokerConfigs;
import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UPDATE_BROKER_CONFIG and GET_BROKER_CONFIG against an embedded broker, with its config file in a temp dir. */
class BrokerConfigUpdateTest {

    private static final int SUBSCRIPTION_FLAG = 0x4;

    @TempDir
    Path dir;

    private static RemotingCommand update(String body) {
        return RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG, null)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Properties config(BrokerFixture f) throws Exception {
        RemotingCommand answer = f.invoke(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG, null));
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
        return ConfigBinder.parse(new String(answer.body(), StandardCharsets.UTF_8));
    }

    private static Properties withConfigFile(Path file) {
        Properties p = new Properties();
        p.setProperty("brokerConfigPath", file.toString());
        return p;
    }

    @Test
    void anUpdateTakesEffectAtOnceAndTheAnswerNamesKeysWaitingForARestart() throws Exception {
        Path file = dir.resolve("broker.conf");
        try (BrokerFixture f = new BrokerFixture(dir.resolve("store"), withConfigFile(file))) {
            RemotingCommand answer = f.invoke(update("brokerPermission=4\nsendMessageThreadPoolNums=3\n"));
            assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
            assertEquals("sendMessageThreadPoolNums takes effect at the next start", answer.remark());
            assertEquals("4", config(f).getProperty("brokerPermission"));
            assertEquals(4, f.broker.configs().broker().getBrokerPermission());

            assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());
            RemotingCommand refused = f.invoke(BrokerFixture.send("T", 0, "x", ""));
            assertEquals(ResponseCode.NO_PERMISSION, refused.code(), refused.remark());
        }
    }

    @Test
    void theStoreReadsItsLiveKeysFromTheUpdatedSnapshot() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            f.createTopic("T", 1);
            for (int i = 0; i < 3; i++) {
                assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send("T", 0, "m" + i, "")).code());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> f.broker.store().getMaxOffsetInQueue("T", 0) == 3);
            assertEquals("3", f.invoke(BrokerFixture.pull("T", 0, 0, SUBSCRIPTION_FLAG, "*", 0)).extFields().get("nextBeginOffset"));

            RemotingCommand answer = f.invoke(update("maxTransferCountOnMessageInMemory=1"));
            assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
            assertEquals("1", f.invoke(BrokerFixture.pull("T", 0, 0, SUBSCRIPTION_FLAG, "*", 0)).extFields().get("nextBeginOffset"));
        }
    }

    @Test
    void aBadKeyOrValueRefusesTheWholeUpdateNamingTheKey() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            RemotingCommand unknown = f.invoke(update("traceOn=false\ndefaultQueryMaxNumm=16\n"));
            assertEquals(ResponseCode.SYSTEM_ERROR, unknown.code());
            assertTrue(unknown.remark().contains("defaultQueryMaxNumm"), unknown.remark());

            RemotingCommand bad = f.invoke(update("traceOn=false\nbrokerPermission=8\n"));
            assertEquals(ResponseCode.SYSTEM_ERROR, bad.code());
            assertTrue(bad.remark().contains("brokerPermission") && bad.remark().contains("0..7"), bad.remark());

            RemotingCommand blackListed = f.invoke(update("traceOn=false\nstorePathRootDir=/tmp/elsewhere\n"));
            assertEquals(ResponseCode.NO_PERMISSION, blackListed.code());
            assertEquals("Can not update config in black list. key=storePathRootDir", blackListed.remark());

            assertEquals("true", config(f).getProperty("traceOn"));
            assertEquals("6", config(f).getProperty("brokerPermission"));
        }
    }

    @Test
    void anUpdateIsWrittenToTheConfigFileAndSurvivesARestart() throws Exception {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "# written by the operator\nbrokerName=broker-test\nnamesrvAddr=\n"
                + "brokerIP1=127.0.0.1\nlistenPort=0\nstorePathRootDir=" + dir.resolve("store") + "\n"
                + "mappedFileSizeCommitLog=1048576\nmappedFileSizeConsumeQueue=20000\nmaxMessageSize=65536\n"
                + "maxHashSlotNum=1000\nmaxIndexNum=4000\ndefaultQueryMaxNum=32\n");
        try (BrokerFixture f = new BrokerFixture(dir.resolve("store"), started(file))) {
            RemotingCommand answer = f.invoke(update("defaultQueryMaxNum=16\ntransactionCheckMax=5\n"));
            assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
            assertNull(answer.remark());
        }
        String text = Files.readString(file);
        assertTrue(text.startsWith("# written by the operator\n"), text);
        assertTrue(text.contains("\ndefaultQueryMaxNum=16\n") && text.endsWith("transactionCheckMax=5\n"), text);

        try (BrokerFixture f = new BrokerFixture(dir.resolve("store"), started(file))) {
            assertEquals("16", config(f).getProperty("defaultQueryMaxNum"));
            assertEquals("5", config(f).getProperty("transactionCheckMax"));
        }
    }

    /** The keys {@code mqbroker -c file} starts with: the file's, and the file as {@code brokerConfigPath}. */
    private static Properties started(Path file) throws Exception {
        BrokerConfigs configs = BrokerStartup.configs(new DefaultParser().parse(BrokerStartup.options(),
                new String[] {"-c", file.toString()}));
        assertEquals(file.toAbsolutePath().toString(), configs.broker().getBrokerConfigPath());
        Properties keys = ConfigBinder.load(file);
        keys.setProperty("brokerConfigPath", configs.broker().getBrokerConfigPath());
        return keys;
    }
}
