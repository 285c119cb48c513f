package io.apogee.interop.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.ClientConfig;
import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.exception.RequestTimeoutException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Request-reply (RPC over the queue) against Apache RocketMQ 4.9.7's servers and ours: the official 4.9.8
 * producer's {@code request()}, blocking and with a {@code RequestCallback}, gets the reply an official consumer sends
 * through its own producer with {@code MessageUtil.createReplyMessage} (SEND_REPLY_MESSAGE_V2 to
 * {@code <cluster>_REPLY_TOPIC}, pushed back as PUSH_REPLY_MESSAGE_TO_CLIENT); our client does the same (also through
 * a selector, to a given queue, and with compressed bodies), and our requester gets an official consumer's reply; a request nobody answers ends in RocketMQ's
 * {@code RequestTimeoutException} (code 10006), blocking and through the callback, from either client; and a reply
 * for a client not connected is refused with the same code and remark by both brokers.
 */
class RequestReplyInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Long enough for a new consumer group to rebalance and pull on a loaded machine. */
    private static final long REQUEST_TIMEOUT_MILLIS = 60_000;
    /** A request nobody answers. */
    private static final long SHORT_TIMEOUT_MILLIS = 2_000;
    private static final int REQUEST_TIMEOUT_CODE = 10006;
    private static final String BROKER = "broker-a";
    private static final Map<ClusterKind, Side> SIDES = new EnumMap<>(ClusterKind.class);
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** One implementation's cluster and its admin client. */
    private record Side(TestCluster cluster, DefaultMQAdminExt admin) {
        String namesrv() {
            return cluster.namesrvAddr();
        }
    }

    private static synchronized Side side(ClusterKind kind) {
        return SIDES.computeIfAbsent(kind, k -> {
            TestCluster cluster = k.builder().clusterName("Rpc" + k.name()).brokers(BROKER).start();
            try {
                DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
                String replyTopic = cluster.clusterName() + "_REPLY_TOPIC";
                await().atMost(WAIT).ignoreExceptions()
                        .until(() -> !admin.examineTopicRouteInfo(replyTopic).getQueueDatas().isEmpty());
                return new Side(cluster, admin);
            } catch (Exception e) {
                cluster.close();
                throw new IllegalStateException("cannot set up the " + k + " cluster", e);
            }
        });
    }

    @AfterAll
    static void stop() {
        SIDES.values().forEach(side -> {
            side.admin().shutdown();
            side.cluster().close();
        });
    }

    /** A new topic of two queues, routed. */
    private static String topic(Side side) throws Exception {
        String topic = "RpcTopic" + NAMES.incrementAndGet();
        side.admin().createAndUpdateTopicConfig(side.cluster().brokerAddr(BROKER), new TopicConfig(topic, 2, 2, 6));
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> !side.admin().examineTopicRouteInfo(topic).getQueueDatas().isEmpty());
        return topic;
    }

    private static String group(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void theOfficialRequestGetsTheOfficialConsumersReply(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String topic = topic(side);
        DefaultMQProducer requester = ApacheClients.producer(side.namesrv(), group("rpc-apache-req"));
        DefaultMQProducer replier = ApacheClients.producer(side.namesrv(), group("rpc-apache-rep"));
        DefaultMQPushConsumer consumer = apacheReplyingConsumer(side, topic, replier);
        try {
            Message reply = requester.request(new Message(topic, "ping-1".getBytes(StandardCharsets.UTF_8)),
                    REQUEST_TIMEOUT_MILLIS);
            assertEquals("re:ping-1", new String(reply.getBody(), StandardCharsets.UTF_8));
            assertEquals(side.cluster().clusterName() + "_REPLY_TOPIC", reply.getTopic());
            assertEquals("reply", reply.getProperty("MSG_TYPE"));
            assertNotNull(reply.getProperty("CORRELATION_ID"));
            assertNotNull(reply.getProperty("PUSH_REPLY_TIME"));
            assertNotNull(reply.getProperty("ARRIVE_TIME"));
            assertEquals(String.valueOf(REQUEST_TIMEOUT_MILLIS), reply.getProperty("TTL"));

            CompletableFuture<Message> later = new CompletableFuture<>();
            requester.request(new Message(topic, "ping-2".getBytes(StandardCharsets.UTF_8)), new RequestCallback() {
                /** 4.9.8 also calls it with {@code null} as soon as the request is sent: only the reply counts. */
                @Override
                public void onSuccess(Message message) {
                    if (message != null) {
                        later.complete(message);
                    }
                }

                @Override
                public void onException(Throwable e) {
                    later.completeExceptionally(e);
                }
            }, REQUEST_TIMEOUT_MILLIS);
            assertEquals("re:ping-2", new String(later.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).getBody(),
                    StandardCharsets.UTF_8));
        } finally {
            consumer.shutdown();
            replier.shutdown();
            requester.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void ourRequestGetsOurConsumersReply(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String topic = topic(side);
        io.apogee.client.producer.DefaultMQProducer requester = ourProducer(side, group("rpc-our-req"));
        io.apogee.client.producer.DefaultMQProducer replier = ourProducer(side, group("rpc-our-rep"));
        io.apogee.client.consumer.DefaultMQPushConsumer consumer = ourReplyingConsumer(side, topic, replier);
        try {
            io.apogee.common.message.Message reply = requester.request(new io.apogee.common.message.Message(topic,
                    "ping-1".getBytes(StandardCharsets.UTF_8)), REQUEST_TIMEOUT_MILLIS);
            assertEquals("re:ping-1", new String(reply.getBody(), StandardCharsets.UTF_8));
            assertEquals(side.cluster().clusterName() + "_REPLY_TOPIC", reply.getTopic());
            assertEquals("reply", reply.getProperty("MSG_TYPE"));
            assertNotNull(reply.getProperty("PUSH_REPLY_TIME"));
            assertInstanceOf(io.apogee.common.message.MessageExt.class, reply);
            assertEquals(side.cluster().brokerAddr(BROKER), io.apogee.remoting.netty.Channels.format(
                    ((io.apogee.common.message.MessageExt) reply).getStoreHost()));

            CompletableFuture<io.apogee.common.message.Message> later = new CompletableFuture<>();
            requester.request(new io.apogee.common.message.Message(topic, "ping-2".getBytes(StandardCharsets.UTF_8)),
                    ourCallback(later), REQUEST_TIMEOUT_MILLIS);
            assertEquals("re:ping-2", new String(later.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).getBody(),
                    StandardCharsets.UTF_8));

            io.apogee.common.message.Message bySelector = requester.request(new io.apogee.common.message.Message(
                    topic, "ping-s".getBytes(StandardCharsets.UTF_8)),
                    new io.apogee.client.producer.SelectMessageQueueByHash(), "key", REQUEST_TIMEOUT_MILLIS);
            assertEquals("re:ping-s", new String(bySelector.getBody(), StandardCharsets.UTF_8));
            io.apogee.common.message.MessageQueue queue = requester.fetchPublishMessageQueues(topic).get(1);
            CompletableFuture<io.apogee.common.message.Message> toQueue = new CompletableFuture<>();
            requester.request(new io.apogee.common.message.Message(topic, "ping-q".getBytes(StandardCharsets.UTF_8)),
                    queue, ourCallback(toQueue), REQUEST_TIMEOUT_MILLIS);
            assertEquals("re:ping-q", new String(toQueue.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).getBody(),
                    StandardCharsets.UTF_8));

            io.apogee.common.message.Message big = new io.apogee.common.message.Message(topic,
                    "x".repeat(10_000).getBytes(StandardCharsets.UTF_8));
            String bigReply = new String(requester.request(big, REQUEST_TIMEOUT_MILLIS).getBody(),
                    StandardCharsets.UTF_8);
            assertEquals("re:" + "x".repeat(10_000), bigReply, "a compressed request and reply round trip");
        } finally {
            consumer.shutdown();
            replier.shutdown();
            requester.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void ourRequestGetsTheOfficialConsumersReply(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String topic = topic(side);
        io.apogee.client.producer.DefaultMQProducer requester = ourProducer(side, group("rpc-mixed-req"));
        DefaultMQProducer replier = ApacheClients.producer(side.namesrv(), group("rpc-mixed-rep"));
        DefaultMQPushConsumer consumer = apacheReplyingConsumer(side, topic, replier);
        try {
            io.apogee.common.message.Message reply = requester.request(new io.apogee.common.message.Message(topic,
                    "ping-m".getBytes(StandardCharsets.UTF_8)), REQUEST_TIMEOUT_MILLIS);
            assertEquals("re:ping-m", new String(reply.getBody(), StandardCharsets.UTF_8));
        } finally {
            consumer.shutdown();
            replier.shutdown();
            requester.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void aRequestNobodyAnswersTimesOutWithRocketMqsException(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String topic = topic(side);
        DefaultMQProducer official = ApacheClients.producer(side.namesrv(), group("rpc-apache-lonely"));
        io.apogee.client.producer.DefaultMQProducer ours = ourProducer(side, group("rpc-our-lonely"));
        try {
            RequestTimeoutException officialTimeout = assertThrows(RequestTimeoutException.class, () ->
                    official.request(new Message(topic, "anyone?".getBytes(StandardCharsets.UTF_8)),
                            SHORT_TIMEOUT_MILLIS));
            assertEquals(REQUEST_TIMEOUT_CODE, officialTimeout.getResponseCode());

            io.apogee.client.RequestTimeoutException ourTimeout = assertThrows(
                    io.apogee.client.RequestTimeoutException.class, () -> ours.request(
                            new io.apogee.common.message.Message(topic, "anyone?".getBytes(StandardCharsets.UTF_8)),
                            SHORT_TIMEOUT_MILLIS));
            assertEquals(REQUEST_TIMEOUT_CODE, ourTimeout.getResponseCode());
            assertTrue(ourTimeout.getMessage().contains("OK, but wait reply message timeout"),
                    ourTimeout::getMessage);

            CompletableFuture<io.apogee.common.message.Message> later = new CompletableFuture<>();
            ours.request(new io.apogee.common.message.Message(topic, "anyone?".getBytes(StandardCharsets.UTF_8)),
                    ourCallback(later), SHORT_TIMEOUT_MILLIS);
            await().atMost(WAIT).until(later::isDone);
            Throwable failure = later.handle((m, e) -> e).get();
            io.apogee.client.RequestTimeoutException callbackTimeout = assertInstanceOf(
                    io.apogee.client.RequestTimeoutException.class, failure);
            assertEquals(REQUEST_TIMEOUT_CODE, callbackTimeout.getResponseCode());
            assertTrue(io.apogee.client.producer.RequestFutureHolder.getInstance().getRequestFutureTable().isEmpty());
        } finally {
            ours.shutdown();
            official.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void aReplyToAnUnknownRequesterIsRefusedAlike(ClusterKind kind) throws Exception {
        // SYSTEM_ERROR is retried, so the official producer ends with its "Send [3] times" exception around it
        Side side = side(kind);
        DefaultMQProducer replier = ApacheClients.producer(side.namesrv(), group("rpc-apache-stray"));
        try {
            Message reply = new Message(side.cluster().clusterName() + "_REPLY_TOPIC",
                    "stray".getBytes(StandardCharsets.UTF_8));
            MessageAccessor.putProperty(reply, "MSG_TYPE", "reply");
            MessageAccessor.putProperty(reply, "CORRELATION_ID", "no-such-request");
            MessageAccessor.putProperty(reply, "REPLY_TO_CLIENT", "192.0.2.1@nobody");
            MQClientException failed = assertThrows(MQClientException.class, () -> replier.send(reply, 10_000));
            MQBrokerException refused = assertInstanceOf(MQBrokerException.class, failed.getCause(),
                    failed::getMessage);
            assertEquals(1, refused.getResponseCode());
            assertEquals("push reply message fail, channel of <192.0.2.1@nobody> not found.",
                    refused.getErrorMessage());
        } finally {
            replier.shutdown();
        }
    }

    /** An official consumer of {@code topic} (started) answering each request with {@code "re:" + body}. */
    private static DefaultMQPushConsumer apacheReplyingConsumer(Side side, String topic, DefaultMQProducer replier)
            throws Exception {
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(side.namesrv(), group("rpc-apache-cg"));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            for (MessageExt msg : msgs) {
                try {
                    assertNotNull(MessageUtil.getReplyToClient(msg));
                    Message reply = MessageUtil.createReplyMessage(msg, ("re:" + new String(msg.getBody(),
                            StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                    replier.send(reply, 10_000);
                } catch (Exception e) {
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }

    /** Our consumer of {@code topic} (started) answering each request with {@code "re:" + body}. */
    private static io.apogee.client.consumer.DefaultMQPushConsumer ourReplyingConsumer(Side side, String topic,
            io.apogee.client.producer.DefaultMQProducer replier) throws Exception {
        io.apogee.client.consumer.DefaultMQPushConsumer consumer = tune(
                new io.apogee.client.consumer.DefaultMQPushConsumer(group("rpc-our-cg")), side);
        consumer.setConsumeFromWhere(io.apogee.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((io.apogee.client.consumer.listener.MessageListenerConcurrently)
                (msgs, context) -> {
                    for (io.apogee.common.message.MessageExt msg : msgs) {
                        try {
                            assertNotNull(io.apogee.client.utils.MessageUtil.getReplyToClient(msg));
                            replier.send(io.apogee.client.utils.MessageUtil.createReplyMessage(msg, ("re:"
                                    + new String(msg.getBody(), StandardCharsets.UTF_8))
                                    .getBytes(StandardCharsets.UTF_8)), 10_000);
                        } catch (Exception e) {
                            return io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus.RECONSUME_LATER;
                        }
                    }
                    return io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        consumer.start();
        return consumer;
    }

    /** Our started producer of {@code group}. */
    private static io.apogee.client.producer.DefaultMQProducer ourProducer(Side side, String group)
            throws Exception {
        io.apogee.client.producer.DefaultMQProducer producer = tune(
                new io.apogee.client.producer.DefaultMQProducer(group), side);
        producer.setSendMsgTimeout(10_000);
        producer.start();
        return producer;
    }

    private static <T extends ClientConfig> T tune(T client, Side side) {
        client.setNamesrvAddr(side.namesrv());
        client.setInstanceName(UUID.randomUUID().toString());
        client.setPollNameServerInterval(1_000);
        client.setHeartbeatBrokerInterval(1_000);
        return client;
    }

    private static io.apogee.client.producer.RequestCallback ourCallback(
            CompletableFuture<io.apogee.common.message.Message> later) {
        return new io.apogee.client.producer.RequestCallback() {
            @Override
            public void onSuccess(io.apogee.common.message.Message message) {
                later.complete(message);
            }

            @Override
            public void onException(Throwable e) {
                later.completeExceptionally(e);
            }
        };
    }
}
