package io.apogee.console.message;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQClientException;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.SystemTopics;
import java.util.Set;

/**
 * Sends dead letters again, each as a new message to its group's original topic or retry topic, through one producer
 * of the console's, started on first use and shut down with the console. The copy keeps body, tag, keys and user
 * properties, and the first delivery's id in {@code ORIGIN_MESSAGE_ID}; the broker's bookkeeping properties are
 * dropped.
 */
public final class DeadLetterResender implements AutoCloseable {

    /** The console's producer group. */
    public static final String PRODUCER_GROUP = "APOGEE_CONSOLE_RESEND";

    /** Properties the broker or client set on the way to the DLQ, not carried by a new send. */
    private static final Set<String> DROPPED = Set.of(MessageProperty.UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
            MessageProperty.RETRY_TOPIC, MessageProperty.REAL_TOPIC, MessageProperty.REAL_QUEUE_ID,
            MessageProperty.DELAY_TIME_LEVEL, MessageProperty.MIN_OFFSET, MessageProperty.MAX_OFFSET,
            MessageProperty.RECONSUME_TIME, MessageProperty.MAX_RECONSUME_TIMES,
            MessageProperty.CONSUME_START_TIMESTAMP, MessageProperty.CLUSTER, MessageProperty.WAIT_STORE_MSG_OK,
            MessageProperty.TRANSACTION_PREPARED, MessageProperty.PRODUCER_GROUP,
            MessageProperty.TRANSACTION_PREPARED_QUEUE_OFFSET, MessageProperty.TRANSACTION_CHECK_TIMES,
            MessageProperty.INNER_MULTI_DISPATCH, MessageProperty.INNER_MULTI_QUEUE_OFFSET);

    /** Where a dead letter goes. */
    public enum Target {
        /** The topic it was first sent to ({@code RETRY_TOPIC} property). */
        TOPIC,
        /** The group's retry topic, so only that group consumes it again. */
        RETRY
    }

    private final String namesrvAddr;
    private final String instanceName;
    private DefaultMQProducer producer;

    /** Its producer uses the admin's client instance ({@code instanceName}) when it starts. */
    public DeadLetterResender(String namesrvAddr, String instanceName) {
        this.namesrvAddr = namesrvAddr;
        this.instanceName = instanceName;
    }

    /**
     * Sends {@code dead} (a message of {@code %DLQ%group}) to {@code target}; answers {@code ok} with the new
     * {@code newMsgId}, or {@code ok: false} with the {@code error}.
     */
    public JSONObject resend(MessageExt dead, String group, Target target) throws InterruptedException {
        JSONObject result = JSONObject.of("msgId", dead.getMsgId());
        String topic = target == Target.RETRY ? SystemTopics.retryTopic(group)
                : dead.getProperty(MessageProperty.RETRY_TOPIC);
        if (topic == null) {
            return failed(result, "the message does not say its original topic (no RETRY_TOPIC property): resend "
                    + "it to the retry topic instead");
        }
        try {
            SendResult sent = producer().send(copy(dead, topic));
            result.put("ok", true);
            result.put("topic", topic);
            result.put("newMsgId", sent.getMsgId());
            result.put("sendStatus", sent.getSendStatus().name());
            return result;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // a client, broker or transport failure of this one send: reported for this message, the batch goes on
            return failed(result, "sending to " + topic + " failed: " + e.getMessage());
        }
    }

    static Message copy(MessageExt dead, String topic) {
        Message copy = new Message(topic, dead.getBody());
        dead.getProperties().forEach((k, v) -> {
            if (!DROPPED.contains(k)) {
                copy.putProperty(k, v);
            }
        });
        if (copy.getProperty(MessageProperty.ORIGIN_MESSAGE_ID) == null) {
            copy.putProperty(MessageProperty.ORIGIN_MESSAGE_ID, dead.getMsgId());
        }
        return copy;
    }

    private static JSONObject failed(JSONObject result, String error) {
        result.put("ok", false);
        result.put("error", error);
        return result;
    }

    private synchronized DefaultMQProducer producer() throws MQClientException {
        if (producer == null) {
            DefaultMQProducer created = new DefaultMQProducer(PRODUCER_GROUP);
            created.setNamesrvAddr(namesrvAddr);
            created.setInstanceName(instanceName);
            created.start();
            producer = created;
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.shutdown();
            producer = null;
        }
    }
}
