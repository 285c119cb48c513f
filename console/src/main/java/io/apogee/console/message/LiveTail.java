package io.apogee.console.message;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.admin.TopicOffset;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.console.http.EventStream;
import io.apogee.console.view.ClusterView;
import io.apogee.remoting.exception.RemotingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live tail of a topic as server-sent events: every {@link #POLL_MILLIS} it reads the max offsets of the topic's
 * queues and sends each message stored since as a {@code message} event (its summary), at most
 * {@link #MAX_MESSAGES_PER_POLL} per poll: beyond, a {@code skipped} event says how many newer ones were passed over.
 * It starts at the queues' ends, sends {@code ready} first, a {@code problem} when a poll fails, and ends when the
 * client goes away. {@code running} counts the tails running, for the cap on them.
 */
public final class LiveTail implements EventStream {

    static final long POLL_MILLIS = 1_000;
    /** Messages sent per poll at most (so about that many per second). */
    public static final int MAX_MESSAGES_PER_POLL = 50;
    private static final long MAX_POLL_BYTES = 4L * 1024 * 1024;

    private final DefaultMQAdminExt admin;
    private final ClusterView cluster;
    private final MessageReader reader;
    private final String topic;
    private final AtomicInteger running;

    /** A tail of {@code topic}; {@code running} was counted up for it and is counted down when it ends. */
    public LiveTail(DefaultMQAdminExt admin, ClusterView cluster, String topic, AtomicInteger running) {
        this.admin = admin;
        this.cluster = cluster;
        this.reader = new MessageReader(admin);
        this.topic = topic;
        this.running = running;
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        try {
            Map<MessageQueue, Long> next = new HashMap<>();
            maxOffsets().forEach((q, o) -> next.put(q, o.getMaxOffset()));
            sink.send("ready", JSONObject.of("topic", topic, "queues", next.size()).toJSONString());
            while (sink.isOpen()) {
                Thread.sleep(POLL_MILLIS);
                try {
                    poll(sink, next);
                } catch (MQClientException | MQBrokerException | RemotingException e) {
                    sink.send("problem", JSONObject.of("error", e.getMessage()).toJSONString());
                }
            }
        } catch (MQClientException | MQBrokerException | RemotingException e) {
            sink.send("problem", JSONObject.of("error", e.getMessage()).toJSONString());
        } finally {
            running.decrementAndGet();
        }
    }

    private void poll(EventSink sink, Map<MessageQueue, Long> next)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        int budget = MAX_MESSAGES_PER_POLL;
        long skipped = 0;
        List<MessageExt> found = new ArrayList<>();
        for (Map.Entry<MessageQueue, TopicOffset> e : maxOffsets().entrySet()) {
            MessageQueue queue = e.getKey();
            long end = e.getValue().getMaxOffset();
            long from = Math.max(next.getOrDefault(queue, e.getValue().getMinOffset()), e.getValue().getMinOffset());
            if (end <= from) {
                continue;
            }
            long take = Math.min(end - from, budget);
            skipped += end - from - take;
            List<MessageExt> messages = reader.readQueue(queue, end - take, end, (int) take, MAX_POLL_BYTES);
            found.addAll(messages);
            budget -= messages.size();
            next.put(queue, end);
        }
        found.sort(Comparator.comparingLong(MessageExt::getStoreTimestamp));
        ClusterView.Snapshot snapshot = cluster.current();
        for (MessageExt m : found) {
            sink.send("message", MessageJson.summary(m, snapshot).toJSONString());
        }
        if (skipped > 0) {
            sink.send("skipped", JSONObject.of("count", skipped).toJSONString());
        }
    }

    private Map<MessageQueue, TopicOffset> maxOffsets()
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        return admin.examineTopicStats(topic).getOffsetTable();
    }
}
