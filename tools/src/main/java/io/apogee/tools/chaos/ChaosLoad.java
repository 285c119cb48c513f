package io.apogee.tools.chaos;

import io.apogee.client.MQClientException;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.ConsumeOrderlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SelectMessageQueueByHash;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageExt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load: {@code threads} producer threads sending sync messages with unique bodies and keys to the plain topic, a
 * push consumer on it, and optionally one thread sending to the ordered topic in sequence per sharding key, consumed
 * by an orderly listener. Every outcome goes to the {@link Ledger}.
 */
final class ChaosLoad implements AutoCloseable {

    static final String TOPIC = "ChaosTopic";
    static final String ORDERED_TOPIC = "ChaosOrderedTopic";
    private static final int SHARDING_KEYS = 8;
    private static final long FAILURE_PAUSE_MILLIS = 100;

    private final Ledger ledger;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong next = new AtomicLong();
    private final DefaultMQProducer producer;
    private final DefaultMQPushConsumer consumer;
    private final DefaultMQPushConsumer orderedConsumer;
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean sending = true;

    ChaosLoad(String namesrvAddr, Ledger ledger, boolean ordered) throws MQClientException {
        this.ledger = ledger;
        String instance = "mqbench-chaos-" + ProcessHandle.current().pid();
        producer = new DefaultMQProducer("chaos_producer");
        producer.setNamesrvAddr(namesrvAddr);
        producer.setInstanceName(instance);
        consumer = consumer("chaos_consumer", namesrvAddr, instance, TOPIC);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> ledger.delivered(id(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        if (ordered) {
            orderedConsumer = consumer("chaos_ordered_consumer", namesrvAddr, instance, ORDERED_TOPIC);
            orderedConsumer.registerMessageListener((MessageListenerOrderly) (msgs, context) -> {
                for (MessageExt m : msgs) {
                    String[] parts = id(m).split("/");
                    ledger.deliveredInOrder(id(m), parts[1], Long.parseLong(parts[2]));
                }
                return ConsumeOrderlyStatus.SUCCESS;
            });
        } else {
            orderedConsumer = null;
        }
    }

    private static DefaultMQPushConsumer consumer(String group, String namesrvAddr, String instance, String topic)
            throws MQClientException {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(group);
        c.setNamesrvAddr(namesrvAddr);
        c.setInstanceName(instance);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, "*");
        return c;
    }

    private static String id(MessageExt m) {
        return new String(m.getBody(), StandardCharsets.UTF_8);
    }

    /** Starts the clients and the sender threads. */
    void start(int threads) throws Exception {
        producer.start();
        consumer.start();
        if (orderedConsumer != null) {
            orderedConsumer.start();
            senders.add(new Thread(this::sendOrdered, "ApogeeChaosOrderedSender"));
        }
        for (int t = 0; t < threads; t++) {
            senders.add(new Thread(this::send, "ApogeeChaosSender-" + t));
        }
        senders.forEach(Thread::start);
    }

    private void send() {
        while (sending) {
            String id = runId + "-" + next.incrementAndGet();
            sendOne(new Message(TOPIC, "chaos", id, id.getBytes(StandardCharsets.UTF_8)), id, null);
        }
    }

    private void sendOrdered() {
        long[] seqs = new long[SHARDING_KEYS];
        for (long n = 0; sending; n++) {
            int key = (int) (n % SHARDING_KEYS);
            String shardingKey = runId + "-key" + key;
            String id = "o/" + shardingKey + "/" + seqs[key]++;
            sendOne(new Message(ORDERED_TOPIC, "chaos", id, id.getBytes(StandardCharsets.UTF_8)), id, shardingKey);
        }
    }

    private void sendOne(Message message, String id, String shardingKey) {
        try {
            SendResult result = shardingKey == null ? producer.send(message)
                    : producer.send(message, new SelectMessageQueueByHash(), shardingKey);
            if (result.getSendStatus() == SendStatus.SEND_OK) {
                ledger.acked(id);
            } else {
                ledger.failed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending = false;
        } catch (Exception e) {
            // A failed send is an outcome the run counts, not an error of the run; pausing keeps a sender from
            // counting thousands of fast refusals while the broker is down.
            ledger.failed();
            pauseAfterFailure();
        }
    }

    private void pauseAfterFailure() {
        try {
            TimeUnit.MILLISECONDS.sleep(FAILURE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending = false;
        }
    }

    /** Stops sending and waits for the sender threads; the consumers keep consuming. */
    void stopSending() throws InterruptedException {
        sending = false;
        for (Thread sender : senders) {
            sender.join();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopSending();
        producer.shutdown();
        consumer.shutdown();
        if (orderedConsumer != null) {
            orderedConsumer.shutdown();
        }
    }
}
