package io.apogee.console.api;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.admin.QueueStatus;
import io.apogee.client.admin.TopicStatus;
import io.apogee.common.message.MessageQueue;
import io.apogee.console.http.ApiException;
import io.apogee.console.view.ClusterView;
import io.apogee.remoting.exception.RemotingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moving a consumer group's offsets to a time, for the Topics and Consumers pages: {@link #preview} says per queue
 * where the group is and where the reset would put it (the broker's SEARCH_OFFSET_BY_TIMESTAMP answer, or the
 * queue's end for {@link #END}), {@link #apply} moves them (forced, so a reset may move back or forward).
 */
final class OffsetReset {

    /** The timestamp meaning "the end of each queue": skipping the backlog. */
    static final long END = -1;

    /**
     * One queue's move.
     *
     * @param current the group's committed offset now, {@code null} when it has none the console could read
     * @param target  where the reset puts it
     */
    record Move(String topic, String brokerName, int queueId, Long current, long target, long minOffset,
            long maxOffset) {
    }

    private final DefaultMQAdminExt admin;
    private final ClusterView cluster;

    OffsetReset(DefaultMQAdminExt admin, ClusterView cluster) {
        this.admin = admin;
        this.cluster = cluster;
    }

    /** What a reset of {@code group} in {@code topic} ({@code null}: every topic it has offsets in) would move. */
    List<Move> preview(String group, String topic, long timestamp)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        List<Move> moves = new ArrayList<>();
        for (String t : topics(group, topic)) {
            for (QueueStatus q : status(t).queues()) {
                long target = timestamp == END || q.maxOffset() == q.minOffset() ? q.maxOffset()
                        : admin.searchOffset(q.queue(), timestamp);
                moves.add(move(q, committed(group, q), target));
            }
        }
        return moves;
    }

    /** Moves the offsets of {@code group} in {@code topic} (every topic when {@code null}); returns the moves. */
    List<Move> apply(String group, String topic, long timestamp)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        List<Move> moves = new ArrayList<>();
        for (String t : topics(group, topic)) {
            List<QueueStatus> queues = status(t).queues();
            Map<MessageQueue, Long> before = new HashMap<>();
            for (QueueStatus q : queues) {
                Long current = committed(group, q);
                if (current != null) {
                    before.put(q.queue(), current);
                }
            }
            Map<MessageQueue, Long> after = admin.resetOffsetByTimestamp(t, group, timestamp, true);
            for (QueueStatus q : queues) {
                Long target = after.get(q.queue());
                if (target != null) {
                    moves.add(move(q, before.get(q.queue()), target));
                }
            }
        }
        cluster.refreshSoon();
        return moves;
    }

    private static Move move(QueueStatus q, Long current, long target) {
        return new Move(q.queue().getTopic(), q.queue().getBrokerName(), q.queue().getQueueId(), current, target,
                q.minOffset(), q.maxOffset());
    }

    private List<String> topics(String group, String topic) {
        if (topic != null) {
            return List.of(topic);
        }
        Set<String> consumed = cluster.current().groups().stream().filter(g -> g.name().equals(group)).findFirst()
                .map(ClusterView.GroupEntry::topics).orElse(Set.of());
        if (consumed.isEmpty()) {
            throw ApiException.badRequest("group " + group + " has no offset in any topic yet: name the 'topic' "
                    + "to reset");
        }
        return consumed.stream().sorted().toList();
    }

    private TopicStatus status(String topic) throws MQClientException, InterruptedException, RemotingException {
        TopicStatus status = TopicLookup.status(admin, topic);
        if (!status.unanswered().isEmpty()) {
            throw new ApiException(502, "broker " + status.unanswered().get(0).brokerName() + " did not answer: "
                    + status.unanswered().get(0).error());
        }
        return status;
    }

    /** The group's committed offset in {@code q}, {@code null} when it has none. */
    private Long committed(String group, QueueStatus q) throws MQClientException, MQBrokerException,
            InterruptedException {
        long offset = admin.queryConsumerOffset(group, q.queue());
        return offset < 0 ? null : offset;
    }
}
