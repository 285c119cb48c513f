package io.apogee.client.producer;

import io.apogee.client.ClientConfig;
import io.apogee.client.MQClientException;
import io.apogee.common.message.Message;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores trace records in the trace topic without ever holding up the traced client: {@link #append} only offers to
 * a bounded queue (a full queue drops the record and counts it, with a warning), and a background thread takes
 * records in batches (at most {@value #BATCH_SIZE} records or {@value #FLUSH_MILLIS} ms old) and sends each batch,
 * as messages of at most {@value #MAX_MESSAGE_CHARS} characters keyed by the traced message ids and keys,
 * asynchronously with an internal producer. RocketMQ 4.9.8's {@code AsyncTraceDispatcher} uses the same sizes and group names.
 */
public final class TraceDispatcher {

    /** Whose traces these are; part of the internal producer's group name. */
    public enum Type { PRODUCE, CONSUME }

    static final int QUEUE_SIZE = 2048;
    static final int BATCH_SIZE = 100;
    static final int MAX_MESSAGE_CHARS = 128_000;
    static final long POLL_MILLIS = 100;
    static final long FLUSH_MILLIS = 500;
    private static final int SEND_TIMEOUT_MILLIS = 5000;
    private static final long SHUTDOWN_WAIT_MILLIS = 5000;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(TraceDispatcher.class);

    private final String traceTopic;
    private final BlockingQueue<TraceRecord> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private final AtomicLong dropped = new AtomicLong();
    private final DefaultMQProducer producer;
    private final Thread worker;
    private volatile boolean running;

    /**
     * @param group      the traced producer or consumer group
     * @param traceTopic the topic to store records in; {@code null} or empty for {@code RMQ_SYS_TRACE_TOPIC}
     * @param rpcHook    the traced client's hook (ACL signing), also used by the internal producer; may be null
     */
    public TraceDispatcher(String group, Type type, String traceTopic, RpcHook rpcHook) {
        this.traceTopic = traceTopic == null || traceTopic.isEmpty() ? SystemTopics.TRACE_TOPIC : traceTopic;
        String name = "_INNER_TRACE_PRODUCER-" + group + "-" + type + "-" + COUNTER.incrementAndGet();
        this.producer = new DefaultMQProducer(name, rpcHook);
        this.worker = new Thread(this::run, "MQ-AsyncTraceDispatcher-Thread-" + name);
        worker.setDaemon(true);
    }

    /** The topic records go to. */
    public String traceTopic() {
        return traceTopic;
    }

    /** Starts the internal producer with {@code owner}'s name servers and connection settings, and the sender. */
    public synchronized void start(ClientConfig owner) throws MQClientException {
        if (running) {
            return;
        }
        producer.copyClientConfigFrom(owner);
        producer.setInstanceName("PID_CLIENT_INNER_TRACE_PRODUCER_" + owner.buildMQClientId().hashCode());
        producer.setSendMsgTimeout(SEND_TIMEOUT_MILLIS);
        producer.setMaxMessageSize(MAX_MESSAGE_CHARS);
        producer.start();
        running = true;
        worker.start();
    }

    /** Queues {@code record}; when the queue is full, drops it and counts the drop. Never blocks. */
    public void append(TraceRecord record) {
        if (!queue.offer(record)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("trace queue of {} full ({} records): {} trace record(s) dropped so far", traceTopic,
                        QUEUE_SIZE, n);
            }
        }
    }

    /** Queues every record of {@code records}, as {@link #append} does. */
    public void appendAll(List<TraceRecord> records) {
        records.forEach(this::append);
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Sends what is queued (waiting up to 5 s), then stops the internal producer. */
    public synchronized void shutdown() {
        if (!running) {
            return;
        }
        running = false;
        try {
            worker.join(SHUTDOWN_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.shutdown();
    }

    private void run() {
        List<TraceRecord> batch = new ArrayList<>(BATCH_SIZE);
        long firstAt = 0;
        while (running || !queue.isEmpty()) {
            try {
                TraceRecord record = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (record != null) {
                    if (batch.isEmpty()) {
                        firstAt = System.currentTimeMillis();
                    }
                    batch.add(record);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!batch.isEmpty() && (batch.size() >= BATCH_SIZE || !running
                    || System.currentTimeMillis() - firstAt >= FLUSH_MILLIS)) {
                flush(batch);
                batch.clear();
            }
        }
        flush(batch);
    }

    /** Packs {@code batch} into messages of at most {@link #MAX_MESSAGE_CHARS} characters and sends each. */
    private void flush(List<TraceRecord> batch) {
        StringBuilder data = new StringBuilder();
        Set<String> keys = new LinkedHashSet<>();
        for (TraceRecord record : batch) {
            if (data.length() > 0 && data.length() + record.data().length() > MAX_MESSAGE_CHARS) {
                send(data.toString(), keys);
                data.setLength(0);
                keys = new LinkedHashSet<>();
            }
            data.append(record.data());
            keys.addAll(record.keys());
        }
        if (data.length() > 0) {
            send(data.toString(), keys);
        }
    }

    private void send(String data, Set<String> keys) {
        Message message = new Message(traceTopic, data.getBytes(StandardCharsets.UTF_8));
        message.setKeys(keys);
        try {
            producer.send(message, new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    LOG.debug("trace records stored in {}: {}", traceTopic, result.getMsgId());
                }

                @Override
                public void onException(Throwable e) {
                    LOG.warn("trace records not stored in {}: {}", traceTopic, e.toString());
                }
            });
        } catch (MQClientException | RemotingException | RuntimeException e) {
            LOG.warn("trace records not sent to {}: {}", traceTopic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("trace records not sent to {}: interrupted", traceTopic);
        }
    }
}
