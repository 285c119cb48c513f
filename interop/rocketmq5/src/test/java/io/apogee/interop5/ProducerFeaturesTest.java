package io.apogee.interop5;

import static io.apogee.interop5.SharedCluster.BROKER;
import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.admin;
import static io.apogee.interop5.SharedCluster.cluster;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.producer;
import static io.apogee.interop5.SharedCluster.pushConsumer;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the official RocketMQ 5.3.3 producer's messages carry through our broker: compressed bodies and user
 * properties, message queries by key and by unique key, namespaces, and the broker's refusal of an oversize body
 * (the 4.9 suite's ProducerInteropTest and ApacheClientAgainstApogeeTest, with the 5.3.3 client).
 */
@ExtendWith(SharedCluster.class)
class ProducerFeaturesTest {

    /** Random bytes, so the client's compression above 4 KiB cannot shrink them. */
    private static byte[] randomBody(int size, long seed) {
        byte[] body = new byte[size];
        new Random(seed).nextBytes(body);
        return body;
    }

    /** A started producer whose own size check lets 16 MiB through, so the broker's decides; no retries. */
    private static DefaultMQProducer largeSendsProducer() throws Exception {
        DefaultMQProducer producer = SharedCluster.tune(new DefaultMQProducer(unique("pg")));
        producer.setMaxMessageSize(16 * 1024 * 1024);
        producer.setRetryTimesWhenSendFailed(0);
        producer.setSendMsgTimeout(15_000);
        producer.start();
        return producer;
    }

    /**
     * A 64 KiB body of text goes out compressed (the client compresses bodies over 4 KiB) and a consumer gets it
     * decompressed, byte for byte, with its keys, tag and user properties.
     */
    @Test
    void aCompressedBodyAndUserPropertiesRoundTrip() throws Exception {
        String topic = newTopic("Props5", 1);
        DefaultMQProducer producer = producer(unique("pg"));
        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = Deliveries.start(pushConsumer(unique("cg")), topic, null,
                m -> received.put(m.getKeys(), m));
        try {
            byte[] big = "apogee interop body line\n".repeat(64 * 1024 / 25).getBytes(StandardCharsets.UTF_8);
            Message message = new Message(topic, "P", "big-key", big);
            message.putUserProperty("colour", "green");
            message.putUserProperty("weight", "42");
            message.putUserProperty("unicode", "\u00e9t\u00e9");
            assertEquals(SendStatus.SEND_OK, producer.send(message).getSendStatus());
            Message small = new Message(topic, "P", "small-key", "tiny".getBytes(StandardCharsets.UTF_8));
            small.putUserProperty("spaced", "a b = c");
            producer.send(small);

            await().atMost(WAIT).until(() -> received.containsKey("big-key") && received.containsKey("small-key"));
            MessageExt got = received.get("big-key");
            assertArrayEquals(big, got.getBody());
            assertEquals("P", got.getTags());
            assertEquals("green", got.getUserProperty("colour"));
            assertEquals("42", got.getUserProperty("weight"));
            assertEquals("\u00e9t\u00e9", got.getUserProperty("unicode"));
            assertEquals(big.length, got.getBody().length);
            assertEquals(topic, got.getTopic());
            assertEquals("tiny", new String(received.get("small-key").getBody(), StandardCharsets.UTF_8));
            assertEquals("a b = c", received.get("small-key").getUserProperty("spaced"));
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /** A sent message is found by its key (queryMessage) and by its unique key, the send result's msg id. */
    @Test
    void aMessageIsFoundByKeyAndByUniqueKey() throws Exception {
        String topic = newTopic("Query5", 2);
        DefaultMQProducer producer = producer(unique("pg"));
        try {
            String key = unique("order");
            Message message = new Message(topic, "Q", key, "queried".getBytes(StandardCharsets.UTF_8));
            SendResult sent = producer.send(message);
            producer.send(new Message(topic, "Q", "other-key", "other".getBytes(StandardCharsets.UTF_8)));

            List<MessageExt> byKey = await().atMost(WAIT).ignoreExceptions()
                    .until(() -> admin().queryMessage(topic, key, 32, 0, Long.MAX_VALUE).getMessageList(),
                            list -> !list.isEmpty());
            assertEquals(1, byKey.size(), "only the keyed message: " + byKey);
            assertEquals("queried", new String(byKey.get(0).getBody(), StandardCharsets.UTF_8));
            assertEquals(sent.getMsgId(), byKey.get(0).getMsgId());

            MessageExt byId = await().atMost(WAIT).ignoreExceptions()
                    .until(() -> admin().viewMessage(topic, sent.getMsgId()), m -> m != null);
            assertEquals(key, byId.getKeys());
            assertEquals("queried", new String(byId.getBody(), StandardCharsets.UTF_8));
            assertEquals(sent.getQueueOffset(), byId.getQueueOffset());
            assertEquals(sent.getMessageQueue().getQueueId(), byId.getQueueId());
        } finally {
            producer.shutdown();
        }
    }

    /**
     * A producer and consumer with a namespace use {@code namespace%topic} and {@code namespace%group} on the
     * broker, and the consumer sees the topic without the namespace.
     */
    @Test
    void aNamespacedProducerAndConsumerMeetInTheirNamespace() throws Exception {
        String namespace = unique("ns");
        String topic = unique("Ns5");
        String wire = namespace + "%" + topic;
        admin().createAndUpdateTopicConfig(cluster().brokerAddr(BROKER), new TopicConfig(wire, 2, 2, 6));
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> !admin().examineTopicRouteInfo(wire).getQueueDatas().isEmpty());
        DefaultMQProducer producer = new DefaultMQProducer(unique("pg"));
        producer.setNamespace(namespace);
        SharedCluster.tune(producer);
        producer.start();
        String group = unique("nscg");
        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = pushConsumer(group);
        consumer.setNamespace(namespace);
        Deliveries.start(consumer, topic, null, m -> received.put(Deliveries.body(m), m));
        try {
            SendResult sent = producer.send(new Message(topic, "N", "in-ns".getBytes(StandardCharsets.UTF_8)));
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());
            await().atMost(WAIT).until(() -> received.containsKey("in-ns"));
            assertEquals(topic, received.get("in-ns").getTopic());
            assertTrue(admin().examineConsumerConnectionInfo(namespace + "%" + group).getSubscriptionTable()
                    .containsKey(wire), "the broker holds the subscription under the namespaced names");
            assertEquals(1, admin().examineTopicStats(wire).getOffsetTable().values().stream()
                    .mapToLong(o -> o.getMaxOffset()).sum());
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /** A body over the broker's maxMessageSize is refused by the broker with MESSAGE_ILLEGAL (13) and a remark. */
    @Test
    void anOversizeBodyIsRefusedWithMessageIllegalAndARemark() throws Exception {
        String topic = newTopic("Big5", 1);
        DefaultMQProducer producer = largeSendsProducer();
        try {
            Message big = new Message(topic, randomBody(5 * 1024 * 1024, 7));
            MQBrokerException e = assertThrows(MQBrokerException.class, () -> producer.send(big));
            assertEquals(13, e.getResponseCode());
            assertNotNull(e.getErrorMessage());
            assertFalse(e.getErrorMessage().isBlank());
            assertTrue(e.getErrorMessage().contains("MAX"), e.getErrorMessage());
            assertEquals(SendStatus.SEND_OK, producer.send(new Message(topic, randomBody(1024, 8))).getSendStatus(),
                    "the producer sends again after the refusal");
        } finally {
            producer.shutdown();
        }
    }

    /**
     * A batch is stored whole in one queue with consecutive offsets, and a batch whose bodies together pass the
     * broker's maxMessageSize is refused whole with MESSAGE_ILLEGAL (13) and a remark, none of it stored.
     */
    @Test
    void aBatchIsStoredWholeAndAnOversizeBatchIsRefusedWhole() throws Exception {
        String topic = newTopic("Batch5", 1);
        DefaultMQProducer producer = largeSendsProducer();
        try {
            List<Message> small = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                small.add(new Message(topic, "B", "batch-key-" + i, randomBody(100, i)));
            }
            SendResult stored = producer.send(small);
            assertEquals(SendStatus.SEND_OK, stored.getSendStatus());
            assertEquals(0, stored.getQueueOffset());
            assertEquals(5, stored.getMsgId().split(",").length, stored.getMsgId());

            List<Message> big = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                big.add(new Message(topic, "B", randomBody(2 * 1024 * 1024, 10 + i)));
            }
            MQBrokerException e = assertThrows(MQBrokerException.class, () -> producer.send(big));
            assertEquals(13, e.getResponseCode());
            assertTrue(e.getErrorMessage().contains("MAX"), e.getErrorMessage());
            assertEquals(5, admin().examineTopicStats(topic).getOffsetTable().values().stream()
                    .mapToLong(o -> o.getMaxOffset()).sum(), "only the first batch is stored");
        } finally {
            producer.shutdown();
        }
    }
}
