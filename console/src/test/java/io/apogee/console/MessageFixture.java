package io.apogee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.common.topic.TopicConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * What the message page tests need beside the console: an admin client and a producer of our client library on the
 * fixture's cluster, topics created on its broker, and sends that wait until the new topic's route is out.
 */
final class MessageFixture implements AutoCloseable {

    private final ConsoleFixture console;
    private final DefaultMQAdminExt admin = new DefaultMQAdminExt();
    private final DefaultMQProducer producer;

    MessageFixture(ConsoleFixture console, String producerGroup) throws Exception {
        this.console = console;
        admin.setNamesrvAddr(console.cluster().namesrvAddr());
        admin.setInstanceName("MessageFixtureAdmin-" + producerGroup);
        admin.start();
        producer = new DefaultMQProducer(producerGroup);
        producer.setNamesrvAddr(console.cluster().namesrvAddr());
        producer.setInstanceName("MessageFixtureProducer-" + producerGroup);
        producer.start();
    }

    DefaultMQAdminExt admin() {
        return admin;
    }

    /** Creates user {@code username} with role viewer through {@code admin} and returns a client logged in as it. */
    ApiClient viewer(ApiClient admin, String username) throws Exception {
        ApiClient.Answer created = admin.post("/api/users", JSONObject.of("username", username, "password",
                "viewer-password", "role", "viewer"));
        assertEquals(201, created.status(), created.body());
        ApiClient viewer = new ApiClient(console.url());
        viewer.login(username, "viewer-password");
        return viewer;
    }

    /**
     * A push consumer of {@code group} on {@code topic} (every tag, from the first offset) with {@code listener},
     * not started yet; the caller starts and shuts it down.
     */
    DefaultMQPushConsumer consumer(String group, String topic, MessageListenerConcurrently listener)
            throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(console.cluster().namesrvAddr());
        consumer.setInstanceName("MessageFixtureConsumer-" + group);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        return consumer;
    }

    /** The JSON of a 200 answer; fails the test on any other. */
    static JSONObject ok(ApiClient.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    /** Creates {@code topic} with {@code queues} queues on broker-a. */
    void createTopic(String topic, int queues) throws Exception {
        admin.createAndUpdateTopicConfig(console.cluster().brokerAddr("broker-a"),
                TopicConfig.withDefaults(topic).withQueueNums(queues, queues));
    }

    /** Sends {@code message}, retrying (up to 30 s) while a new topic's route is not yet on the NameServer. */
    SendResult send(Message message) {
        AtomicReference<SendResult> sent = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    sent.set(producer.send(message));
                    return sent.get().getSendStatus() == SendStatus.SEND_OK;
                });
        return sent.get();
    }

    /** Sends {@code batch} (messages of one topic whose route is out) as one batch. */
    void sendBatch(List<Message> batch) throws Exception {
        assertEquals(SendStatus.SEND_OK, producer.send(batch).getSendStatus());
    }

    @Override
    public void close() {
        producer.shutdown();
        admin.shutdown();
    }
}
