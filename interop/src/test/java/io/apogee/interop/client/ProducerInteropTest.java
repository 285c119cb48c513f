package io.apogee.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendCallback;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.interop.fixture.ClusterKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our producer's send modes against each kind of cluster. */
class ProducerInteropTest extends ClientTestBase {

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void sendModesStoreMessages(ClusterKind kind) throws Exception {
        DefaultMQProducer producer = configure(new DefaultMQProducer(unique("pg")), kind);
        producer.start();
        try {
            String topic = unique("SendModes");
            SendResult sync = producer.send(message(topic, "sync"));
            assertEquals(SendStatus.SEND_OK, sync.getSendStatus());
            assertNotNull(OffsetMessageId.decode(sync.getOffsetMsgId()));
            assertEquals(32, sync.getMsgId().length());

            CompletableFuture<SendResult> async = new CompletableFuture<>();
            producer.send(message(topic, "async"), new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    async.complete(sendResult);
                }

                @Override
                public void onException(Throwable e) {
                    async.completeExceptionally(e);
                }
            });
            assertEquals(SendStatus.SEND_OK, async.get(30, TimeUnit.SECONDS).getSendStatus());

            List<MessageQueue> queues = producer.fetchPublishMessageQueues(topic);
            assertEquals(8, queues.size(), "4 queues on each of two brokers: " + queues);
            SendResult selected = producer.send(message(topic, "selected"), (mqs, msg, arg) -> mqs.get((Integer) arg),
                    3);
            assertEquals(queues.get(3), selected.getMessageQueue());

            byte[] big = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            assertEquals(SendStatus.SEND_OK, producer.send(new Message(topic, big)).getSendStatus());

            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(message(topic, "batch-" + i));
            }
            SendResult batchResult = producer.send(batch, queues.get(0));
            assertEquals(10, batchResult.getOffsetMsgId().split(",").length);
            assertEquals(10, batchResult.getMsgId().split(",").length);

            producer.sendOneway(message(topic, "oneway"));
            MQClientException invalid = assertThrows(MQClientException.class,
                    () -> producer.send(message("bad topic!", "x")));
            assertTrue(invalid.getMessage().contains("illegal characters"), invalid.getMessage());
        } finally {
            producer.shutdown();
        }
    }

    static Message message(String topic, String body) {
        Message m = new Message(topic, body.getBytes(StandardCharsets.UTF_8));
        m.setTags("TagA");
        m.setKeys("key-" + body);
        return m;
    }
}
