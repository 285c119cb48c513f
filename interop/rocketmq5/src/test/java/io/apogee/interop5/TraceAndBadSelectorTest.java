package io.apogee.interop5;

import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.admin;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.pushConsumer;
import static io.apogee.interop5.SharedCluster.tune;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.apache.rocketmq.client.trace.TraceType;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The 5.3.3 client's message trace and SQL92 refusal against our servers, as the 4.9 suite checks them with 4.9.8:
 * a traced producer stores a Pub record in {@code RMQ_SYS_TRACE_TOPIC} that a key query by the message id finds and
 * 5.3.3's own decoder reads; a condition that does not compile fails the push consumer's start with code 23 and the
 * broker's reason. Not checked: a traced 5.3.3 push consumer's SubBefore/SubAfter records. Its trace dispatcher
 * drops every record whose region is unknown, and it takes the region from the consumed message's {@code MSG_REGION}
 * property, which neither Apache 4.9.7's broker nor ours stores (both answer it only in the send response), so
 * against either it stores none; 4.9.8's dispatcher keeps such records.
 */
@ExtendWith(SharedCluster.class)
class TraceAndBadSelectorTest {

    private static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";

    @Test
    void aTracedProducerStoresAPubTraceFoundByTheMessageId() throws Exception {
        String topic = newTopic("Trace5", 2);
        String producerGroup = unique("trace-pg");
        DefaultMQProducer producer = tune(new DefaultMQProducer(producerGroup, true, null));
        producer.setSendMsgTimeout(10_000);
        producer.start();
        try {
            SendResult sent = producer.send(new Message(topic, "TagT", "trace5-key",
                    "traced".getBytes(StandardCharsets.UTF_8)));
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());
            String msgId = sent.getMsgId();

            Map<TraceType, TraceContext> found = new EnumMap<>(TraceType.class);
            AtomicReference<Exception> lastFailure = new AtomicReference<>();
            AtomicInteger traces = new AtomicInteger();
            try {
                await().atMost(WAIT.multipliedBy(2)).until(() -> {
                    try {
                        List<MessageExt> stored = admin().queryMessage(TRACE_TOPIC, msgId, 32, 0, Long.MAX_VALUE)
                                .getMessageList();
                        traces.set(stored.size());
                        for (MessageExt trace : stored) {
                            for (TraceContext context : TraceDataEncoder.decoderFromTraceDataString(
                                    new String(trace.getBody(), StandardCharsets.UTF_8))) {
                                if (msgId.equals(context.getTraceBeans().get(0).getMsgId())) {
                                    found.putIfAbsent(context.getTraceType(), context);
                                }
                            }
                        }
                    } catch (Exception e) {
                        lastFailure.set(e);
                    }
                    return found.containsKey(TraceType.Pub);
                });
            } catch (ConditionTimeoutException e) {
                long stored = admin().examineTopicStats(TRACE_TOPIC).getOffsetTable().values().stream()
                        .mapToLong(o -> o.getMaxOffset() - o.getMinOffset()).sum();
                throw new AssertionError("trace records of " + msgId + " found: " + found.keySet() + " in "
                        + traces.get() + " trace messages of the key query; " + stored + " messages in "
                        + TRACE_TOPIC + "; last query failure: " + lastFailure.get(), e);
            }
            TraceContext pub = found.get(TraceType.Pub);
            assertEquals(producerGroup, pub.getGroupName());
            assertEquals(topic, pub.getTraceBeans().get(0).getTopic());
            assertEquals("trace5-key", pub.getTraceBeans().get(0).getKeys());
            assertTrue(pub.isSuccess());
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void aConditionThatDoesNotCompileFailsThePushConsumersStart() throws Exception {
        String topic = newTopic("BadSql5", 1);
        DefaultMQPushConsumer consumer = pushConsumer(unique("bad-sql-cg"));
        consumer.subscribe(topic, MessageSelector.bySql("a > "));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) ->
                ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        try {
            MQClientException refused = assertThrows(MQClientException.class, consumer::start);
            assertEquals(23, refused.getResponseCode(), refused.getMessage());
            assertTrue(refused.getErrorMessage().contains("does not compile"), refused.getErrorMessage());
        } finally {
            consumer.shutdown();
        }
    }
}
