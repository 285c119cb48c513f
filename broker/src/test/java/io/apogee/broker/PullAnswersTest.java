package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSON;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.KvTable;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What pulls add to the read statistics (client-visible answers only), and what a missing group is told. */
class PullAnswersTest {

    private static final int FLAGS = PullMessageRequestHeader.FLAG_SUBSCRIPTION | PullMessageRequestHeader.FLAG_SUSPEND;

    @TempDir
    Path dir;

    @Test
    void getMessageTimesTotalMissCountsOnlyAnswersClientsReceive() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            f.createTopic("T", 1);
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send("T", 0, "m", "")).code());
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.pull("T", 0, 0, FLAGS, "*", 500)).code());
            // Held (its empty read is not an answer), then answered empty at its deadline: one client miss.
            assertEquals(ResponseCode.PULL_NOT_FOUND, f.invoke(BrokerFixture.pull("T", 0, 1, FLAGS, "*", 500)).code());

            // The broker's own loops (delay levels, transaction checks) keep reading; none of it is counted.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                    .until(() -> "1".equals(runtimeInfo(f).get("getMessageTimesTotalMiss")));
            Map<String, String> info = runtimeInfo(f);
            assertEquals("1", info.get("getMessageTimesTotalFound"), info.toString());
            assertEquals("1", info.get("getMessageTransferedMsgCount"), info.toString());
        }
    }

    @Test
    void aPullOfAGroupTheBrokerDoesNotCreateSaysHowToCreateIt() throws Exception {
        Properties extra = new Properties();
        extra.setProperty("autoCreateSubscriptionGroup", "false");
        try (BrokerFixture f = new BrokerFixture(dir, extra)) {
            f.createTopic("T", 1);
            RemotingCommand answer = f.invoke(BrokerFixture.pull("T", 0, 0, FLAGS, "*", 0));
            assertEquals(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, answer.code());
            assertTrue(answer.remark().startsWith("subscription group [cg] does not exist"), answer.remark());
            assertTrue(answer.remark().contains("autoCreateSubscriptionGroup=false")
                    && answer.remark().contains("mqadmin updateSubGroup -c TestCluster -g cg"), answer.remark());
        }
    }

    private static Map<String, String> runtimeInfo(BrokerFixture f) throws Exception {
        RemotingCommand answer = f.invoke(RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO, null));
        return JSON.parseObject(answer.body(), KvTable.class).table();
    }
}
