package io.apogee.interop.client;

import static io.apogee.interop.client.PushConsumerInteropTest.body;
import static io.apogee.interop.client.PushConsumerInteropTest.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.TopicConfig;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.testsupport.FreePorts;
import io.apogee.testsupport.TestCluster;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults: the first configured NameServer is dead (the client fails over to the next), a broker stops while a producer and a consumer run (the producer keeps sending through the other broker
 * within its retry budget; the stopped broker's queues are consumed again once it returns), and every NameServer
 * stops (cached routes keep both working). Servers are restarted afterwards (brokers too, so that they register
 * with the fresh NameServer at once) for the test classes that share the clusters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInteropTest extends ClientTestBase {

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    @Order(0)
    void aDeadNameServerFirstInTheListIsSkipped(ClusterKind kind) throws Exception {
        DefaultMQProducer producer = configure(new DefaultMQProducer(unique("dpg")), kind);
        producer.setNamesrvAddr("127.0.0.1:" + FreePorts.any() + ";" + cluster(kind).namesrvAddr());
        producer.start();
        try {
            String topic = unique("FailOver");
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagA", "fail-over")).getSendStatus());
        } finally {
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    @Order(1)
    void producerSurvivesABrokerStopAndConsumersResumeWhenItReturns(ClusterKind kind) throws Exception {
        TestCluster cluster = cluster(kind);
        String topic = unique("Fault");
        createOnBothBrokers(kind, topic);
        DefaultMQProducer producer = configure(new DefaultMQProducer(unique("fpg")), kind);
        producer.setSendLatencyFaultEnable(true);
        producer.start();
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = startConsumer(kind, topic, received);
        Set<String> sent = new HashSet<>();
        try {
            sendAll(producer, topic, "before", 16, sent);
            cluster.stopBroker("broker-b");
            Set<String> brokersUsed = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                SendResult result = producer.send(message(topic, "TagA", "during" + i));
                assertEquals(SendStatus.SEND_OK, result.getSendStatus(), "no failed send while broker-b is down");
                brokersUsed.add(result.getMessageQueue().getBrokerName());
                sent.add("during" + i);
            }
            assertEquals(Set.of("broker-a"), brokersUsed);
            cluster.startBroker("broker-b");
            await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(sent));
            MessageQueue onB = new MessageQueue(topic, "broker-b", 0);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    producer.send(message(topic, "TagA", "returned"), onB).getSendStatus() == SendStatus.SEND_OK);
            sent.add("returned");
            await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(sent));
        } finally {
            cluster.startBroker("broker-b");
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    @Order(2)
    void cachedRoutesKeepClientsWorkingWithoutNameServers(ClusterKind kind) throws Exception {
        TestCluster cluster = cluster(kind);
        String topic = unique("NoNamesrv");
        createOnBothBrokers(kind, topic);
        DefaultMQProducer producer = configure(new DefaultMQProducer(unique("npg")), kind);
        producer.start();
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = startConsumer(kind, topic, received);
        Set<String> sent = new HashSet<>();
        try {
            sendAll(producer, topic, "up", 8, sent);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(sent));
            cluster.stopNamesrvs();
            sendAll(producer, topic, "down", 20, sent);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(sent));
        } finally {
            consumer.shutdown();
            producer.shutdown();
            cluster.startNamesrvs();
            for (String broker : BROKERS) {
                cluster.stopBroker(broker);
                cluster.startBroker(broker);
            }
        }
    }

    private static void createOnBothBrokers(ClusterKind kind, String topic) throws Exception {
        DefaultMQAdminExt admin = configure(new DefaultMQAdminExt(), kind);
        admin.start();
        try {
            for (String broker : BROKERS) {
                admin.createAndUpdateTopicConfig(cluster(kind).brokerAddr(broker),
                        TopicConfig.withDefaults(topic).withQueueNums(4, 4));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> brokersServing(admin, topic) == 2);
        } finally {
            admin.shutdown();
        }
    }

    private static int brokersServing(DefaultMQAdminExt admin, String topic) throws InterruptedException {
        try {
            return admin.examineTopicRouteInfo(topic).queueDatas().size();
        } catch (MQClientException | RemotingException e) {
            return 0;
        }
    }

    private static void sendAll(DefaultMQProducer producer, String topic, String prefix, int count, Set<String> sent)
            throws Exception {
        for (int i = 0; i < count; i++) {
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagA", prefix + i)).getSendStatus());
            sent.add(prefix + i);
        }
    }

    private static DefaultMQPushConsumer startConsumer(ClusterKind kind, String topic, Set<String> received)
            throws Exception {
        DefaultMQPushConsumer consumer = configure(new DefaultMQPushConsumer(unique("fcg")), kind);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeThreadMin(2);
        consumer.setConsumeThreadMax(2);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> received.add(body(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }
}
