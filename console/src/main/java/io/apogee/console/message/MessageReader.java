package io.apogee.console.message;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.admin.TopicOffset;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.remoting.exception.RemotingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the messages a topic stored in a time range, never the whole topic: each queue's offsets at the range's start
 * and end come from its broker (SEARCH_OFFSET_BY_TIMESTAMP), and at most {@link #MAX_READ} messages (and
 * {@link #MAX_READ_BYTES}) are pulled per request, the newest of each queue when the range holds more.
 */
public final class MessageReader {

    /** Messages one request reads at most. */
    public static final int MAX_READ = 2_000;
    /** Bytes of messages one request reads at most (bodies included). */
    public static final long MAX_READ_BYTES = 32L * 1024 * 1024;
    /** Messages asked per pull. */
    static final int PULL_BATCH = 32;

    /** Newest first: by store time, then (a batch shares its store time) by queue offset, then queue, descending. */
    public static final Comparator<MessageExt> NEWEST_FIRST = Comparator
            .comparingLong(MessageExt::getStoreTimestamp)
            .thenComparingLong(MessageExt::getQueueOffset)
            .thenComparingInt(MessageExt::getQueueId).reversed();

    /**
     * What a read found.
     *
     * @param matched   the messages in the range that passed the filter, newest first
     * @param inRange   how many messages the queues hold between the range's offsets (about the range's size)
     * @param read      how many were read
     * @param truncated whether some of the range was left unread (the caps): the range should be narrowed
     */
    public record Result(List<MessageExt> matched, long inRange, int read, boolean truncated) {
    }

    private record Span(MessageQueue queue, long from, long to) {
        long size() {
            return to - from;
        }
    }

    private final DefaultMQAdminExt admin;

    public MessageReader(DefaultMQAdminExt admin) {
        this.admin = admin;
    }

    /** The messages of {@code topic} stored in {@code [begin, end]} (epoch millis) that {@code filter} accepts. */
    public Result read(String topic, long begin, long end, Predicate<MessageExt> filter)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        List<Span> spans = new ArrayList<>();
        for (Map.Entry<MessageQueue, TopicOffset> e : admin.examineTopicStats(topic).getOffsetTable().entrySet()) {
            TopicOffset o = e.getValue();
            boolean endsBefore = o.getLastUpdateTimestamp() > 0 && o.getLastUpdateTimestamp() < begin;
            if (o.getMaxOffset() <= o.getMinOffset() || endsBefore) {
                continue;
            }
            long from = Math.max(o.getMinOffset(), admin.searchOffset(e.getKey(), begin));
            long to = o.getLastUpdateTimestamp() > 0 && end >= o.getLastUpdateTimestamp() ? o.getMaxOffset()
                    : Math.min(o.getMaxOffset(), admin.searchOffset(e.getKey(), end) + 1);
            if (to > from) {
                spans.add(new Span(e.getKey(), from, to));
            }
        }
        long inRange = spans.stream().mapToLong(Span::size).sum();
        List<MessageExt> matched = new ArrayList<>();
        int read = 0;
        long bytesLeft = MAX_READ_BYTES;
        boolean truncated = inRange > MAX_READ;
        spans.sort(Comparator.comparingLong(Span::size));
        for (int i = 0; i < spans.size() && bytesLeft > 0; i++) {
            Span span = spans.get(i);
            long share = Math.min(span.size(), (MAX_READ - read) / (spans.size() - i));
            List<MessageExt> batch = readQueue(span.queue(), span.to() - share, span.to(), (int) share, bytesLeft);
            for (MessageExt m : batch) {
                bytesLeft -= m.getStoreSize();
                if (m.getStoreTimestamp() >= begin && m.getStoreTimestamp() <= end && filter.test(m)) {
                    matched.add(m);
                }
            }
            read += batch.size();
            truncated |= batch.size() < share || bytesLeft <= 0 && i < spans.size() - 1;
        }
        matched.sort(NEWEST_FIRST);
        return new Result(matched, inRange, read, truncated);
    }

    /**
     * Messages of {@code queue} from {@code from} up to (excluding) {@code to}: at most {@code max}, and no further
     * pull once {@code maxBytes} were read.
     */
    public List<MessageExt> readQueue(MessageQueue queue, long from, long to, int max, long maxBytes)
            throws MQClientException, MQBrokerException, InterruptedException {
        List<MessageExt> found = new ArrayList<>();
        long offset = from;
        long bytes = 0;
        while (offset < to && found.size() < max && bytes < maxBytes) {
            List<MessageExt> batch = admin.pullMessages(queue, offset,
                    (int) Math.min(PULL_BATCH, Math.min(to - offset, max - found.size())));
            if (batch.isEmpty()) {
                break;
            }
            for (MessageExt m : batch) {
                if (m.getQueueOffset() < to && found.size() < max) {
                    found.add(m);
                    bytes += m.getStoreSize();
                }
            }
            offset = batch.get(batch.size() - 1).getQueueOffset() + 1;
        }
        return found;
    }
}
