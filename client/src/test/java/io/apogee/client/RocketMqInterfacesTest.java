package io.apogee.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultLitePullConsumer;
import io.apogee.client.consumer.DefaultMQPullConsumer;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.LitePullConsumer;
import io.apogee.client.consumer.MQConsumer;
import io.apogee.client.consumer.MQPullConsumer;
import io.apogee.client.consumer.MQPushConsumer;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.MQProducer;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageBatch;
import io.apogee.common.message.MessageExt;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Code typed to RocketMQ's client interfaces works with ours: send through {@link MQProducer} (a message, then a
 * {@link MessageBatch} built as RocketMQ apps build one) and poll through {@link LitePullConsumer}.
 */
@SuppressWarnings("deprecation")
class RocketMqInterfacesTest {

    @Test
    void aProducerAndAConsumerTypedByRocketMqsInterfacesWork() throws Exception {
        MQPushConsumer push = new DefaultMQPushConsumer("iface-push");
        MQPullConsumer pull = new DefaultMQPullConsumer("iface-pull");
        MQConsumer consumer = push;
        MQAdmin admin = new DefaultMQAdminExt();
        assertTrue(consumer instanceof MQAdmin && pull instanceof MQConsumer && admin instanceof MQAdmin);
        try (TestCluster cluster = TestCluster.builder().start()) {
            DefaultMQProducer concrete = new DefaultMQProducer("iface-producer");
            concrete.setNamesrvAddr(cluster.namesrvAddr());
            concrete.setInstanceName("IfaceProducer");
            DefaultLitePullConsumer lite = new DefaultLitePullConsumer("iface-lite");
            lite.setNamesrvAddr(cluster.namesrvAddr());
            lite.setInstanceName("IfaceLite");
            lite.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            MQProducer producer = concrete;
            LitePullConsumer poller = lite;
            producer.start();
            try {
                producer.createTopic("TBW102", "IfaceTopic", 2);
                poller.subscribe("IfaceTopic", "*");
                poller.start();
                assertTrue(poller.isRunning());
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> producer.send(new Message(
                        "IfaceTopic", "hello".getBytes(StandardCharsets.UTF_8))).getSendStatus() == SendStatus.SEND_OK);
                MessageBatch batch = MessageBatch.generateFromList(List.of(
                        new Message("IfaceTopic", "b1".getBytes(StandardCharsets.UTF_8)),
                        new Message("IfaceTopic", "b2".getBytes(StandardCharsets.UTF_8))));
                batch.setBody(batch.encode());
                assertEquals(SendStatus.SEND_OK, producer.send(batch).getSendStatus());
                List<MessageExt> polled = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    polled.addAll(poller.poll(500));
                    return polled.size() >= 3;
                });
                assertEquals(List.of("b1", "b2", "hello"), polled.stream().map(m -> new String(m.getBody(),
                        StandardCharsets.UTF_8)).sorted().toList(), "the batch arrives as its two messages");
            } finally {
                poller.shutdown();
                producer.shutdown();
            }
        }
    }
}
