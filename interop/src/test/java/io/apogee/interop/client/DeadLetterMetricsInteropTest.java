package io.apogee.interop.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.testsupport.FreePorts;
import io.apogee.testsupport.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Our push consumer's dead letters show in the broker's metrics: a listener that always fails, with
 * {@code maxReconsumeTimes=0}, sends each message back (CONSUMER_SEND_MSG_BACK) straight to the group's dead-letter
 * topic, and {@code rocketmq_send_to_dlq_messages_total} of the original topic and the group counts each one once.
 */
class DeadLetterMetricsInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "DeadLetterMetricsTopic";
    private static final String GROUP = "deadLetterMetricsGroup";
    private static final int MESSAGES = 3;

    @Test
    void messagesOurConsumerGivesUpOnAreCountedAsDeadLettersOfTheirTopicAndGroup() throws Exception {
        int metricsPort = FreePorts.any();
        String url = "http://127.0.0.1:" + metricsPort + "/metrics";
        TestCluster cluster = TestCluster.builder().brokerProperty("metricsExporterType", "PROM")
                .brokerProperty("metricsPromExporterHost", "127.0.0.1")
                .brokerProperty("metricsPromExporterPort", String.valueOf(metricsPort)).start();
        DefaultMQProducer producer = new DefaultMQProducer("deadLetterMetricsProducer");
        producer.setNamesrvAddr(cluster.namesrvAddr());
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(GROUP);
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        try {
            producer.start();
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(new Message(TOPIC, "TagA", ("m" + i).getBytes(StandardCharsets.UTF_8)));
            }
            Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.setMaxReconsumeTimes(0);
            consumer.subscribe(TOPIC, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> deliveries.computeIfAbsent(new String(m.getBody(), StandardCharsets.UTF_8),
                        k -> new AtomicInteger()).incrementAndGet());
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            });
            consumer.start();

            await().atMost(WAIT).until(() -> deadLetters(url) == MESSAGES);
            assertEquals(MESSAGES, deliveries.size(), deliveries.toString());
            deliveries.forEach((body, times) -> assertEquals(1, times.get(), body + " delivered once, then DLQ"));
        } finally {
            consumer.shutdown();
            producer.shutdown();
            cluster.close();
        }
    }

    /** {@code rocketmq_send_to_dlq_messages_total} of {@link #TOPIC} and {@link #GROUP}, 0 before it exists. */
    private static double deadLetters(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body().lines()
                .filter(l -> l.startsWith("rocketmq_send_to_dlq_messages_total{")
                        && l.contains("consumer_group=\"" + GROUP + "\"") && l.contains("topic=\"" + TOPIC + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
