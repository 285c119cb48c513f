package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageExt;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.store.PutMessageStatus;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** CLEAN_UNUSED_TOPIC (316), CLEAN_EXPIRED_CONSUMEQUEUE (306) and DELETE_EXPIRED_COMMITLOG (329). */
class StoreMaintenanceRequestsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {RequestCode.CLEAN_UNUSED_TOPIC, RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE})
    void cleanUnusedTopicDropsTheQueuesOfTopicsTheBrokerDoesNotHave(int code) throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic("Kept", 1).code());
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send("Kept", 0, "m", "")).code());
            // A queue the topic table does not know, as a topic deleted while its queues stayed would leave.
            MessageExt orphan = new MessageExt();
            orphan.setTopic("Orphan");
            orphan.setQueueId(0);
            orphan.setBody("m".getBytes(StandardCharsets.UTF_8));
            orphan.setBornTimestamp(System.currentTimeMillis());
            orphan.setBornHost(new InetSocketAddress("127.0.0.1", 40000));
            orphan.setStoreHost(new InetSocketAddress("127.0.0.1", 10911));
            assertEquals(PutMessageStatus.PUT_OK, f.broker.store().putMessage(orphan).join().status());
            await().atMost(Duration.ofSeconds(30)).until(() -> f.broker.store().queuedTopics().contains("Orphan"));

            RemotingCommand answer = f.invoke(RemotingCommand.request(code, null));
            assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
            assertFalse(f.broker.store().queuedTopics().contains("Orphan"));
            assertTrue(f.broker.store().queuedTopics().contains("Kept"));
            assertEquals(1, f.broker.store().getMaxOffsetInQueue("Kept", 0));
        }
    }

    @Test
    void deleteExpiredCommitLogKeepsFreshFiles() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send("T", 0, "m", "")).code());
            RemotingCommand answer = f.invoke(RemotingCommand.request(RequestCode.DELETE_EXPIRED_COMMITLOG, null));
            assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
            assertEquals(0, f.broker.store().getMinPhyOffset(), "a file written now has not expired");
            // The store dispatches into the queue in the background (the broker's requests wait for it, not the store).
            await().atMost(Duration.ofSeconds(30)).until(() -> f.broker.store().getMaxOffsetInQueue("T", 0) == 1);
        }
    }
}
