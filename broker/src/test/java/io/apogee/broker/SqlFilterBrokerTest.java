package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.CheckClientRequestBody;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL92 subscriptions on the broker: refused as RocketMQ refuses them while {@code enablePropertyFilter} is off (with
 * the key named), CHECK_CLIENT_CONFIG and pulls answering SUBSCRIPTION_PARSE_FAILED with the position of a bad
 * expression, and pulls reading exactly the matching messages, by the pull's own subscription or by the heartbeat's,
 * held ones too.
 */
class SqlFilterBrokerTest {

    private static final String TOPIC = "SqlTopic";

    @TempDir
    Path dir;

    @Test
    void sqlSubscriptionsAreRefusedWhilePropertyFilteringIsOff() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            f.createTopic(TOPIC, 1);
            RemotingCommand check = f.invoke(checkClientConfig(SubscriptionData.of(TOPIC, "SQL92", "a > 1")));
            assertEquals(ResponseCode.SYSTEM_ERROR, check.code());
            assertEquals("The broker does not support consumer to filter message by SQL92: set"
                    + " enablePropertyFilter=true in the broker's configuration to serve it", check.remark());
            RemotingCommand pull = f.invoke(sqlPull(0, "a > 1"));
            assertEquals(ResponseCode.SYSTEM_ERROR, pull.code());
            assertTrue(pull.remark().contains("enablePropertyFilter=true"), pull.remark());
            assertEquals(ResponseCode.SUCCESS,
                    f.invoke(checkClientConfig(SubscriptionData.ofTags(TOPIC, "TagA"))).code());
        }
    }

    @Test
    void pullsReadOnlyTheMatchingMessages() throws Exception {
        try (BrokerFixture f = propertyFilterBroker()) {
            sendTen(f);
            assertEquals(List.of(3, 4, 5), pulledA(f.invoke(sqlPull(0, "a between 3 and 5"))));
            assertEquals(List.of(7, 9), pulledA(f.invoke(sqlPull(0, "TAGS = 'TagB' and a > 6"))));
            assertEquals(List.of(0, 2, 4, 6, 8), pulledA(f.invoke(sqlPull(0, "TAGS in ('TagA')"))));
            assertEquals(List.of(1, 8), pulledA(f.invoke(sqlPull(0, "a in ('1', '8') or missing = 1"))));
            assertEquals(List.of(6, 7, 8, 9), pulledA(f.invoke(sqlPull(6, "a IS NOT NULL"))));

            RemotingCommand none = f.invoke(sqlPull(0, "a > 100"));
            assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, none.code());
            assertEquals("NO_MATCHED_MESSAGE", none.remark());
            assertEquals(10, none.decodeHeader(PullMessageResponseHeader.class).getNextBeginOffset(),
                    "the scan moves past what did not match");
        }
    }

    @Test
    void aBadExpressionIsRefusedSayingWhereAndWhy() throws Exception {
        try (BrokerFixture f = propertyFilterBroker()) {
            RemotingCommand check = f.invoke(checkClientConfig(SubscriptionData.of(TOPIC, "SQL92", "a >")));
            assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, check.code());
            assertEquals("the SQL92 expression \"a >\" does not compile: at position 4: expected a property, a"
                    + " literal, '(', NOT or '-', found the end of the expression", check.remark());
            RemotingCommand pull = f.invoke(sqlPull(0, "a = 'x"));
            assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, pull.code());
            assertTrue(pull.remark().contains("at position 5: the string starting here is not closed"),
                    pull.remark());
            RemotingCommand unknownType = f.invoke(checkClientConfig(SubscriptionData.of(TOPIC, "XPATH", "/a")));
            assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, unknownType.code());
            assertTrue(unknownType.remark().contains("unknown expression type XPATH"), unknownType.remark());
        }
    }

    @Test
    void aPushConsumersPullFiltersByItsHeartbeatSubscription() throws Exception {
        try (BrokerFixture f = propertyFilterBroker()) {
            sendTen(f);
            assertEquals(ResponseCode.SUCCESS, f.invoke(heartbeat("a >= 8")).code());
            RemotingCommand pull = f.invoke(BrokerFixture.pull(TOPIC, 0, 0, 0, null, 0));
            assertEquals(List.of(8, 9), pulledA(pull));

            assertEquals(ResponseCode.SUCCESS, f.invoke(heartbeat("a >= ")).code(), "heartbeats are never refused");
            RemotingCommand refused = f.invoke(BrokerFixture.pull(TOPIC, 0, 0, 0, null, 0));
            assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, refused.code());
            assertTrue(refused.remark().contains("\"a >= \" does not compile: at position 6"), refused.remark());
        }
    }

    @Test
    void aHeldPullIsAnsweredWithTheMatchingMessageOnly() throws Exception {
        try (BrokerFixture f = propertyFilterBroker()) {
            CompletableFuture<RemotingCommand> held = heldSqlPull(f, 0, "TAGS = 'TagB' AND a > 0");
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send(TOPIC, 0, "m0",
                    "a\u00011\u0002TAGS\u0001TagA")).code());
            RemotingCommand skipped = held.get(30, TimeUnit.SECONDS);
            assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, skipped.code(), skipped.remark());
            assertEquals(1, skipped.decodeHeader(PullMessageResponseHeader.class).getNextBeginOffset());

            CompletableFuture<RemotingCommand> again = heldSqlPull(f, 1, "TAGS = 'TagB' AND a > 0");
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send(TOPIC, 0, "m1",
                    "a\u00012\u0002TAGS\u0001TagB")).code());
            assertEquals(List.of(2), pulledA(again.get(30, TimeUnit.SECONDS)));
        }
    }

    /** A long-polling SQL92 pull, answered when a message arrives (or after 20 s). */
    private static CompletableFuture<RemotingCommand> heldSqlPull(BrokerFixture f, long offset, String expression)
            throws Exception {
        RemotingCommand pull = BrokerFixture.pull(TOPIC, 0, offset, PullMessageRequestHeader.FLAG_SUBSCRIPTION
                | PullMessageRequestHeader.FLAG_SUSPEND, expression, 20_000);
        pull.extFields().put("expressionType", "SQL92");
        CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
        f.client.invokeAsync(f.addr, pull, 40_000, (response, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(response);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> f.broker.pullHolds().heldCount() > 0 || answer.isDone());
        return answer;
    }

    private BrokerFixture propertyFilterBroker() throws Exception {
        Properties p = new Properties();
        p.setProperty("enablePropertyFilter", "true");
        BrokerFixture f = new BrokerFixture(dir, p);
        f.createTopic(TOPIC, 1);
        return f;
    }

    /** Messages a=0..9, even ones tagged TagA, odd ones TagB. */
    private static void sendTen(BrokerFixture f) throws Exception {
        for (int i = 0; i < 10; i++) {
            RemotingCommand sent = f.invoke(BrokerFixture.send(TOPIC, 0, "m" + i,
                    "a\u0001" + i + "\u0002TAGS\u0001" + (i % 2 == 0 ? "TagA" : "TagB")));
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
        }
    }

    private static RemotingCommand sqlPull(long offset, String expression) {
        RemotingCommand pull = BrokerFixture.pull(TOPIC, 0, offset, PullMessageRequestHeader.FLAG_SUBSCRIPTION,
                expression, 0);
        pull.extFields().put("expressionType", "SQL92");
        return pull;
    }

    private static RemotingCommand checkClientConfig(SubscriptionData data) {
        CheckClientRequestBody body = new CheckClientRequestBody();
        body.setClientId("client-1");
        body.setGroup("cg");
        body.setSubscriptionData(data);
        return RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG, null).body(body.encode());
    }

    private static RemotingCommand heartbeat(String expression) {
        ConsumerData consumer = new ConsumerData();
        consumer.setGroupName("cg");
        consumer.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        consumer.setMessageModel(MessageModel.CLUSTERING);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setSubscriptionDataSet(Set.of(SubscriptionData.of(TOPIC, "SQL92", expression)));
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.setClientID("client-1");
        heartbeat.setConsumerDataSet(Set.of(consumer));
        return RemotingCommand.request(RequestCode.HEART_BEAT, null).body(heartbeat.encode());
    }

    /** Property {@code a} of each pulled message, in order; fails unless the pull found messages. */
    private static List<Integer> pulledA(RemotingCommand pull) {
        assertEquals(ResponseCode.SUCCESS, pull.code(), pull.remark());
        return StoredMessageCodec.decodeAll(ByteBuffer.wrap(pull.body())).stream()
                .map(MessageExt::getProperties).map(p -> Integer.parseInt(p.get("a"))).toList();
    }
}
