package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.admin.ConsumeStats;
import org.apache.rocketmq.common.admin.TopicStatsTable;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.header.SendMessageRequestHeader;
import org.apache.rocketmq.common.protocol.header.SendMessageRequestHeaderV2;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Apache RocketMQ 4.9.8 producer, consumers and admin against our NameServer and broker. */
class ApacheClientAgainstApogeeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().brokerProperty("maxMessageSize", String.valueOf(1024 * 1024)).start();
        admin = ApacheClients.admin(cluster.namesrvAddr());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Creates a fresh topic with {@code queues} queues and waits until its route is served. */
    private static String newTopic(int queues) throws Exception {
        String topic = "Topic" + TOPICS.incrementAndGet();
        TopicConfig config = new TopicConfig(topic, queues, queues, 6);
        admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a"), config);
        await().atMost(WAIT).ignoreExceptions().until(() -> admin.examineTopicRouteInfo(topic)
                .getQueueDatas().get(0).getWriteQueueNums() == queues);
        return topic;
    }

    private static Message message(String topic, String tag, String key, String body) {
        Message m = new Message(topic, tag, key, body.getBytes(StandardCharsets.UTF_8));
        m.putUserProperty("userProp", "v-" + key);
        return m;
    }

    private static List<MessageExt> collect(DefaultMQPushConsumer consumer, String topic, String expression)
            throws Exception {
        List<MessageExt> received = new CopyOnWriteArrayList<>();
        consumer.subscribe(topic, expression);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            received.addAll(msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return received;
    }

    private static Set<String> bodies(Collection<MessageExt> messages) {
        Set<String> out = ConcurrentHashMap.newKeySet();
        messages.forEach(m -> out.add(new String(m.getBody(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void everySendModeStoresAndAPushConsumerGetsEverythingIntact() throws Exception {
        String topic = newTopic(4);
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-modes");
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-modes");
        try {
            for (int i = 0; i < 5; i++) {
                SendResult r = producer.send(message(topic, "TagA", "sync-" + i, "sync-" + i));
                assertEquals(SendStatus.SEND_OK, r.getSendStatus());
                assertNotNull(r.getOffsetMsgId());
            }
            AtomicInteger asyncOk = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                producer.send(message(topic, "TagB", "async-" + i, "async-" + i), new SendCallback() {
                    @Override
                    public void onSuccess(SendResult sendResult) {
                        asyncOk.incrementAndGet();
                    }

                    @Override
                    public void onException(Throwable e) {
                    }
                });
            }
            for (int i = 0; i < 5; i++) {
                producer.sendOneway(message(topic, "TagC", "oneway-" + i, "oneway-" + i));
            }
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(message(topic, "TagD", "batch-" + i, "batch-" + i));
            }
            assertEquals(SendStatus.SEND_OK, producer.send(batch).getSendStatus());
            await().atMost(WAIT).until(() -> asyncOk.get() == 5);

            List<MessageExt> received = collect(consumer, topic, "*");
            await().atMost(WAIT).until(() -> bodies(received).size() == 20);
            for (MessageExt m : received) {
                String body = new String(m.getBody(), StandardCharsets.UTF_8);
                assertEquals(body, m.getKeys());
                assertEquals("v-" + body, m.getUserProperty("userProp"));
                assertEquals(topic, m.getTopic());
                assertNotNull(m.getTags());
                assertNotNull(m.getMsgId());
            }
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void tagFilterDeliversOnlyTheSubscribedTags() throws Exception {
        String topic = newTopic(2);
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-tags");
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-tags");
        try {
            for (int i = 0; i < 12; i++) {
                String tag = "Tag" + "ABC".charAt(i % 3);
                producer.send(message(topic, tag, "k" + i, tag + "-" + i));
            }
            List<MessageExt> received = collect(consumer, topic, "TagA || TagB");
            await().atMost(WAIT).until(() -> received.size() >= 8);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> received.size() == 8);
            assertTrue(received.stream().allMatch(m -> m.getTags().equals("TagA") || m.getTags().equals("TagB")));
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void twoConsumersOfOneGroupSplitTheQueuesWithoutLoss() throws Exception {
        String topic = newTopic(4);
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-split");
        DefaultMQPushConsumer first = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-split");
        DefaultMQPushConsumer second = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-split");
        try {
            List<MessageExt> a = collect(first, topic, "*");
            List<MessageExt> b = collect(second, topic, "*");
            await().atMost(WAIT).ignoreExceptions().until(() -> admin.examineConsumerConnectionInfo("cg-split")
                    .getConnectionSet().size() == 2);
            await().atMost(WAIT).until(() -> queuesHeld(first, topic) > 0 && queuesHeld(second, topic) > 0
                    && queuesHeld(first, topic) + queuesHeld(second, topic) == 4);
            for (int i = 0; i < 40; i++) {
                producer.send(message(topic, "T", "k" + i, "m" + i));
            }
            await().atMost(WAIT).until(() -> {
                Set<String> all = bodies(a);
                all.addAll(bodies(b));
                return all.size() == 40;
            });
            assertFalse(a.isEmpty());
            assertFalse(b.isEmpty());
        } finally {
            first.shutdown();
            second.shutdown();
            producer.shutdown();
        }
    }

    private static long queuesHeld(DefaultMQPushConsumer consumer, String topic) {
        return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet().stream()
                .filter(q -> q.getTopic().equals(topic)).count();
    }

    @Test
    void broadcastingDeliversEveryMessageToEveryConsumer() throws Exception {
        String topic = newTopic(2);
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-bc");
        DefaultMQPushConsumer first = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-bc");
        DefaultMQPushConsumer second = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-bc");
        first.setMessageModel(MessageModel.BROADCASTING);
        second.setMessageModel(MessageModel.BROADCASTING);
        try {
            for (int i = 0; i < 10; i++) {
                producer.send(message(topic, "T", "k" + i, "m" + i));
            }
            List<MessageExt> a = collect(first, topic, "*");
            List<MessageExt> b = collect(second, topic, "*");
            await().atMost(WAIT).until(() -> bodies(a).size() == 10 && bodies(b).size() == 10);
        } finally {
            first.shutdown();
            second.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void litePullConsumerSubscribesAndAssignsWithSeek() throws Exception {
        String topic = newTopic(2);
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-lite");
        for (int i = 0; i < 10; i++) {
            producer.send(message(topic, "T", "k" + i, "m" + i));
        }
        producer.shutdown();

        DefaultLitePullConsumer subscriber = ApacheClients.litePullConsumer(cluster.namesrvAddr(), "cg-lite-sub");
        subscriber.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        subscriber.subscribe(topic, "*");
        subscriber.start();
        try {
            Set<String> got = ConcurrentHashMap.newKeySet();
            await().atMost(WAIT).until(() -> {
                subscriber.poll(500).forEach(m -> got.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                return got.size() == 10;
            });
        } finally {
            subscriber.shutdown();
        }

        DefaultLitePullConsumer assigned = ApacheClients.litePullConsumer(cluster.namesrvAddr(), "cg-lite-assign");
        assigned.start();
        try {
            List<MessageQueue> queues = new ArrayList<>(assigned.fetchMessageQueues(topic));
            MessageQueue queue = queues.stream().filter(q -> q.getQueueId() == 0).findFirst().orElseThrow();
            assigned.assign(List.of(queue));
            assigned.seek(queue, 2);
            List<MessageExt> got = new CopyOnWriteArrayList<>();
            await().atMost(WAIT).until(() -> {
                got.addAll(assigned.poll(500));
                return got.size() >= 3;
            });
            assertEquals(2, got.get(0).getQueueOffset());
            assertTrue(got.stream().allMatch(m -> m.getQueueId() == 0));
        } finally {
            assigned.shutdown();
        }
    }

    @Test
    void offsetsSurviveAConsumerRestart() throws Exception {
        String topic = newTopic(2);
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-restart");
        try {
            for (int i = 0; i < 10; i++) {
                producer.send(message(topic, "T", "k" + i, "first-" + i));
            }
            DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-restart");
            List<MessageExt> before = collect(consumer, topic, "*");
            await().atMost(WAIT).until(() -> bodies(before).size() == 10);
            consumer.shutdown();

            for (int i = 0; i < 5; i++) {
                producer.send(message(topic, "T", "k" + i, "second-" + i));
            }
            DefaultMQPushConsumer again = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-restart");
            List<MessageExt> after = collect(again, topic, "*");
            try {
                await().atMost(WAIT).until(() -> bodies(after).size() == 5);
                assertTrue(bodies(after).stream().allMatch(b -> b.startsWith("second-")), bodies(after)::toString);
            } finally {
                again.shutdown();
            }
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void aTopicIsAutoCreatedOnFirstSend() throws Exception {
        String topic = "AutoTopic" + TOPICS.incrementAndGet();
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-auto");
        try {
            SendResult result = producer.send(message(topic, "T", "k", "auto"));
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            await().atMost(WAIT).ignoreExceptions().until(() -> admin.examineTopicRouteInfo(topic) != null);
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void anOversizeBodyIsRefusedByTheBrokerWithMessageIllegal() throws Exception {
        String topic = newTopic(1);
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-big");
        producer.setMaxMessageSize(8 * 1024 * 1024);
        producer.setRetryTimesWhenSendFailed(0);
        try {
            byte[] body = new byte[2 * 1024 * 1024];
            new java.util.Random(7).nextBytes(body);
            Message big = new Message(topic, body);
            MQBrokerException e = assertThrows(MQBrokerException.class, () -> producer.send(big));
            assertEquals(13, e.getResponseCode());
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void aBadTopicSentWithApachesOwnHeaderClassesIsRefusedWithSystemError() throws Exception {
        NettyRemotingClient raw = new NettyRemotingClient(new NettyClientConfig());
        raw.start();
        try {
            SendMessageRequestHeader header = new SendMessageRequestHeader();
            header.setProducerGroup("pg-raw");
            header.setTopic("bad topic!");
            header.setDefaultTopic("TBW102");
            header.setDefaultTopicQueueNums(4);
            header.setQueueId(0);
            header.setSysFlag(0);
            header.setBornTimestamp(System.currentTimeMillis());
            header.setFlag(0);
            RemotingCommand request = RemotingCommand.createRequestCommand(310,
                    SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(header));
            request.setBody("x".getBytes(StandardCharsets.UTF_8));
            RemotingCommand response = raw.invokeSync(cluster.brokerAddr("broker-a"), request, 15_000);
            assertEquals(1, response.getCode());
            assertTrue(response.getRemark().contains("illegal characters"), response.getRemark());
        } finally {
            raw.shutdown();
        }
    }

    @Test
    void adminReadsClusterRouteStatsAndLagAndManagesTopicsAndQueries() throws Exception {
        String topic = newTopic(2);
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-admin");
        SendResult last = null;
        for (int i = 0; i < 6; i++) {
            last = producer.send(message(topic, "T", "key-" + i, "m" + i), new MessageQueue(topic, "broker-a", 0));
        }
        producer.shutdown();

        ClusterInfo clusterInfo = admin.examineBrokerClusterInfo();
        assertTrue(clusterInfo.getClusterAddrTable().get(cluster.clusterName()).contains("broker-a"));
        assertEquals(cluster.brokerAddr("broker-a"),
                clusterInfo.getBrokerAddrTable().get("broker-a").getBrokerAddrs().get(0L));
        TopicRouteData route = admin.examineTopicRouteInfo(topic);
        assertEquals(2, route.getQueueDatas().get(0).getReadQueueNums());
        TopicStatsTable stats = admin.examineTopicStats(topic);
        assertEquals(6, stats.getOffsetTable().get(new MessageQueue(topic, "broker-a", 0)).getMaxOffset());

        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-admin");
        List<MessageExt> got = collect(consumer, topic, "*");
        await().atMost(WAIT).until(() -> got.size() >= 6);
        consumer.shutdown();
        ConsumeStats consumeStats = admin.examineConsumeStats("cg-admin", topic);
        assertEquals(0, consumeStats.computeTotalDiff());

        MessageExt byKey = admin.queryMessage(topic, "key-5", 10, 0, Long.MAX_VALUE).getMessageList().get(0);
        assertEquals("m5", new String(byKey.getBody(), StandardCharsets.UTF_8));
        MessageExt byId = admin.viewMessage(topic, last.getOffsetMsgId());
        assertEquals("m5", new String(byId.getBody(), StandardCharsets.UTF_8));

        admin.deleteTopicInBroker(Set.of(cluster.brokerAddr("broker-a")), topic);
        admin.deleteTopicInNameServer(Set.of(cluster.namesrvAddr()), topic, cluster.clusterName());
        await().atMost(WAIT).until(() -> !admin.fetchAllTopicList().getTopicList().contains(topic));
        Map<String, String> runtime = admin.fetchBrokerRuntimeStats(cluster.brokerAddr("broker-a")).getTable();
        assertNotNull(runtime.get("putTps"));
    }
}
