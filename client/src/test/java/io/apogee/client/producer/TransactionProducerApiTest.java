package io.apogee.client.producer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.common.concurrent.NamedThreadFactory;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageExt;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * RocketMQ 4.9.8's whole {@code TransactionMQProducer} API against an embedded cluster (whose broker checks back
 * after 1 s): the deprecated {@link LocalTransactionExecuter} and {@link TransactionCheckListener}, the app's
 * {@code executorService} for check-backs, and the errors of each misuse.
 */
@SuppressWarnings("deprecation")
class TransactionProducerApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "TxApiTopic";

    @Test
    void theFirstTransactionApiExecutesAndAnswersCheckBacksOnTheAppsExecutor() throws Exception {
        try (TestCluster cluster = TestCluster.builder().start()) {
            DefaultMQAdminExt admin = new DefaultMQAdminExt();
            admin.setNamesrvAddr(cluster.namesrvAddr());
            admin.setInstanceName("TxApiAdmin");
            admin.start();
            admin.createTopic("TBW102", TOPIC, 4);
            admin.shutdown();

            Set<String> checkThreads = ConcurrentHashMap.newKeySet();
            ExecutorService checks = Executors.newSingleThreadExecutor(new NamedThreadFactory("app-check", true));
            TransactionMQProducer producer = new TransactionMQProducer("tx-api-producer");
            producer.setNamesrvAddr(cluster.namesrvAddr());
            producer.setInstanceName("TxApiProducer");
            producer.setExecutorService(checks);
            producer.setTransactionCheckListener(msg -> {
                checkThreads.add(Thread.currentThread().getName());
                return LocalTransactionState.COMMIT_MESSAGE;
            });
            List<String> consumed = new CopyOnWriteArrayList<>();
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("tx-api-consumer");
            consumer.setNamesrvAddr(cluster.namesrvAddr());
            consumer.setInstanceName("TxApiConsumer");
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe(TOPIC, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                for (MessageExt m : msgs) {
                    consumed.add(new String(m.getBody(), StandardCharsets.UTF_8));
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            producer.start();
            consumer.start();
            try {
                Message committed = message("committed");
                committed.setDelayTimeLevel(18);
                TransactionSendResult first = producer.sendMessageInTransaction(committed,
                        (msg, arg) -> (LocalTransactionState) arg, LocalTransactionState.COMMIT_MESSAGE);
                assertEquals(LocalTransactionState.COMMIT_MESSAGE, first.getLocalTransactionState());
                assertEquals(0, committed.getDelayTimeLevel(), "a delay level is cleared, as RocketMQ does");
                producer.sendMessageInTransaction(message("rolled back"),
                        (msg, arg) -> LocalTransactionState.ROLLBACK_MESSAGE, null);
                producer.sendMessageInTransaction(message("checked"), (msg, arg) -> LocalTransactionState.UNKNOW,
                        null);

                await().atMost(WAIT).until(() -> consumed.containsAll(List.of("committed", "checked")));
                assertTrue(checkThreads.stream().allMatch(t -> t.startsWith("app-check")), checkThreads.toString());
                assertTrue(!checkThreads.isEmpty(), "the undecided one was checked back");
                assertTrue(!consumed.contains("rolled back"), consumed.toString());

                MQClientException noListener = assertThrows(MQClientException.class,
                        () -> producer.sendMessageInTransaction(message("x"), "arg"));
                assertTrue(noListener.getMessage().contains("TransactionListener is null"), noListener.getMessage());
                MQClientException noExecuter = assertThrows(MQClientException.class,
                        () -> producer.sendMessageInTransaction(message("x"), null, "arg"));
                assertTrue(noExecuter.getMessage().contains("tranExecutor is null"), noExecuter.getMessage());
            } finally {
                consumer.shutdown();
                producer.shutdown();
            }
            assertTrue(checks.isShutdown(), "the app's check executor is shut down with the producer, as RocketMQ");
        }
    }

    @Test
    void misusesFailWithRocketMqsMessages() {
        TransactionMQProducer noCheckListener = new TransactionMQProducer("tx-misuse");
        MQClientException e = assertThrows(MQClientException.class, () -> noCheckListener.sendMessageInTransaction(
                message("x"), (msg, arg) -> LocalTransactionState.COMMIT_MESSAGE, null));
        assertTrue(e.getMessage().contains("localTransactionBranchCheckListener is null"), e.getMessage());

        TransactionMQProducer badPool = new TransactionMQProducer("tx-bad-pool");
        badPool.setCheckThreadPoolMinSize(4);
        badPool.setCheckThreadPoolMaxSize(2);
        MQClientException pool = assertThrows(MQClientException.class, badPool::start);
        assertTrue(pool.getMessage().contains("checkThreadPoolMaxSize 2"), pool.getMessage());

        DefaultMQProducer plain = new DefaultMQProducer("plain");
        RuntimeException notTransactional = assertThrows(RuntimeException.class,
                () -> plain.sendMessageInTransaction(message("x"), null));
        assertTrue(notTransactional.getMessage().contains("please use TransactionMQProducer"),
                notTransactional.getMessage());
    }

    private static Message message(String body) {
        return new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8));
    }
}
