package io.apogee.interop5;

import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.producer;
import static io.apogee.interop5.SharedCluster.pushConsumer;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The official RocketMQ 5.3.3 transaction producer (with check-back) and request-reply against our broker. */
@ExtendWith(SharedCluster.class)
class TransactionAndReplyTest {

    private static Message message(String topic, String body) {
        return new Message(topic, "T", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Message message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void committedAndCheckedBackTransactionsAreDeliveredAndRolledBackOnesAreNot() throws Exception {
        String topic = newTopic("Tx5", 2);
        Set<String> checked = ConcurrentHashMap.newKeySet();
        TransactionMQProducer producer = SharedCluster.tune(new TransactionMQProducer(unique("txpg")));
        producer.setSendMsgTimeout(10_000);
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return (LocalTransactionState) arg;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                checked.add(body(msg));
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        producer.start();
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = pushConsumer(unique("cg"));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(body(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            assertEquals(LocalTransactionState.COMMIT_MESSAGE, producer.sendMessageInTransaction(
                    message(topic, "commit"), LocalTransactionState.COMMIT_MESSAGE).getLocalTransactionState());
            producer.sendMessageInTransaction(message(topic, "rollback"), LocalTransactionState.ROLLBACK_MESSAGE);
            producer.sendMessageInTransaction(message(topic, "check"), LocalTransactionState.UNKNOW);
            await().atMost(WAIT).until(() -> received.containsAll(Set.of("commit", "check")));
            assertEquals(Set.of("check"), checked, "only the undecided transaction is checked back");
            assertEquals(Set.of("commit", "check"), Set.copyOf(received));
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void aRequestGetsTheReplyOfAConsumer() throws Exception {
        String topic = newTopic("Rpc5", 2);
        DefaultMQProducer replier = producer(unique("replypg"));
        DefaultMQPushConsumer consumer = pushConsumer(unique("cg"));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt request : messages) {
                try {
                    replier.send(MessageUtil.createReplyMessage(request,
                            ("re:" + body(request)).getBytes(StandardCharsets.UTF_8)));
                } catch (Exception e) {
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        DefaultMQProducer requester = producer(unique("rpcpg"));
        try {
            // 5.3.3's blocking request() returns as soon as the request is stored (its send callback releases the
            // reply latch: apache/rocketmq#9319) and its RequestCallback is first called with null then, so the
            // reply is awaited through the callback.
            CompletableFuture<Message> reply = new CompletableFuture<>();
            requester.request(message(topic, "ping"), new RequestCallback() {
                @Override
                public void onSuccess(Message message) {
                    if (message != null) {
                        reply.complete(message);
                    }
                }

                @Override
                public void onException(Throwable e) {
                    reply.completeExceptionally(e);
                }
            }, 15_000);
            assertEquals("re:ping", body(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS)));
        } finally {
            requester.shutdown();
            consumer.shutdown();
            replier.shutdown();
        }
    }
}
