package io.apogee.interop.client;

import static io.apogee.interop.client.PushConsumerInteropTest.body;
import static io.apogee.interop.client.PushConsumerInteropTest.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.client.consumer.DefaultLitePullConsumer;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.LocalTransactionState;
import io.apogee.client.producer.SendStatus;
import io.apogee.client.producer.TransactionListener;
import io.apogee.client.producer.TransactionMQProducer;
import io.apogee.client.producer.TransactionSendResult;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.interop.fixture.ClusterKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our lite-pull consumer (subscribe, assign, seek, commit) and transaction producer against each cluster. */
class LitePullAndTransactionInteropTest extends ClientTestBase {

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void litePullSubscribeAssignSeekAndCommit(ClusterKind kind) throws Exception {
        String topic = unique("Lite");
        DefaultMQProducer producer = configure(new DefaultMQProducer(unique("pg")), kind);
        producer.start();
        DefaultLitePullConsumer subscriber = liteConsumer(kind);
        DefaultLitePullConsumer assigned = liteConsumer(kind);
        try {
            MessageQueue mq = producer.send(message(topic, "TagA", "q0")).getMessageQueue();
            for (int i = 1; i < 10; i++) {
                producer.send(message(topic, "TagA", "q" + i), mq);
            }
            Set<String> sent = IntStream.range(0, 10).mapToObj(i -> "q" + i).collect(Collectors.toSet());

            subscriber.subscribe(topic, "*");
            subscriber.start();
            Set<String> polled = ConcurrentHashMap.newKeySet();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                subscriber.poll(200).forEach(m -> polled.add(body(m)));
                return polled.equals(sent);
            });

            assigned.start();
            assigned.assign(List.of(mq));
            assigned.pause(List.of(mq));
            assertEquals(List.of(), assigned.poll(300), "a paused queue is not pulled");
            assigned.resume(List.of(mq));
            assertEquals(bodies(0, 10), pollBodies(assigned, 10));
            assigned.seek(mq, 5);
            assertEquals(bodies(5, 10), pollBodies(assigned, 5));
            assigned.seekToBegin(mq);
            assertEquals(bodies(0, 10), pollBodies(assigned, 10));
            assigned.commitSync();
            assertEquals(10, assigned.committed(mq));
            assigned.seekToEnd(mq);
            producer.send(message(topic, "TagA", "q10"), mq);
            assertEquals(List.of("q10"), pollBodies(assigned, 1));
        } finally {
            assigned.shutdown();
            subscriber.shutdown();
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void transactionsCommitRollBackAndAnswerCheckBacks(ClusterKind kind) throws Exception {
        String topic = unique("Tx");
        Set<String> checked = ConcurrentHashMap.newKeySet();
        Map<String, String> executedIds = new ConcurrentHashMap<>();
        Map<String, String> checkedIds = new ConcurrentHashMap<>();
        TransactionMQProducer producer = configure(new TransactionMQProducer(unique("txpg")), kind);
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                executedIds.put(new String(msg.getBody(), StandardCharsets.UTF_8), msg.getTransactionId());
                return (LocalTransactionState) arg;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                checked.add(body(msg));
                checkedIds.put(body(msg), msg.getTransactionId());
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        producer.start();
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = configure(new DefaultMQPushConsumer(unique("txcg")), kind);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> received.add(body(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            TransactionSendResult commit = producer.sendMessageInTransaction(message(topic, "TagA", "commit"),
                    LocalTransactionState.COMMIT_MESSAGE);
            assertEquals(SendStatus.SEND_OK, commit.getSendStatus());
            assertEquals(LocalTransactionState.COMMIT_MESSAGE, commit.getLocalTransactionState());
            producer.sendMessageInTransaction(message(topic, "TagA", "rollback"),
                    LocalTransactionState.ROLLBACK_MESSAGE);
            producer.sendMessageInTransaction(message(topic, "TagA", "check"), LocalTransactionState.UNKNOW);
            consumer.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(Set.of("commit", "check")));
            assertEquals(Set.of("check"), checked, "only the undecided transaction is checked back");
            assertEquals(commit.getTransactionId(), executedIds.get("commit"), "the listener sees the transaction id");
            assertEquals(executedIds.get("check"), checkedIds.get("check"), "and the check-back the same one");
            assertEquals(Set.of("commit", "check"), received, "the rolled-back message is never delivered");
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    private static DefaultLitePullConsumer liteConsumer(ClusterKind kind) {
        DefaultLitePullConsumer consumer = configure(new DefaultLitePullConsumer(unique("lcg")), kind);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPullThreadNums(2);
        consumer.setAutoCommit(false);
        return consumer;
    }

    private static List<String> bodies(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "q" + i).toList();
    }

    /** Polls until {@code count} messages arrived; returns their bodies in arrival order. */
    private static List<String> pollBodies(DefaultLitePullConsumer consumer, int count) {
        List<String> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(200).forEach(m -> got.add(body(m)));
            return got.size() >= count;
        });
        return got;
    }
}
