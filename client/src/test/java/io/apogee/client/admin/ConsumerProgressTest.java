package io.apogee.client.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQBrokerException;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.admin.TopicOffset;
import io.apogee.common.admin.TopicStatsTable;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.TopicRouteData;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The views built from each broker's answer: consumer progress, topic status, and who is asked. */
class ConsumerProgressTest {

    @Test
    void progressListsEveryQueueInOrderAndSumsTheLag() {
        BrokerAnswers<ConsumeStats> answers = new BrokerAnswers<>(Map.of(
                "broker-b", stats(2.5, queue("T", "broker-b", 0, 10, 4, 77)),
                "broker-a", stats(1.0, queue("T", "broker-a", 1, 5, 5, 0), queue("T", "broker-a", 0, 3, 9, 0))),
                List.of());
        ConsumerProgress progress = ConsumerProgress.of("g", answers);
        assertEquals(List.of("broker-a/0", "broker-a/1", "broker-b/0"), progress.queues().stream()
                .map(q -> q.queue().getBrokerName() + "/" + q.queue().getQueueId()).toList());
        assertEquals(-6, progress.queues().get(0).diff(), "printed as the broker reports it");
        assertEquals(0, progress.queues().get(0).lag(), "a group ahead of its queue has nothing left");
        assertEquals(77, progress.queues().get(2).lastTimestamp());
        assertEquals(OptionalLong.of(6), progress.diffTotal());
        assertEquals(3.5, progress.consumeTps());
    }

    @Test
    void theTotalIsUnknownWhenABrokerDidNotAnswer() {
        BrokerFailure down = new BrokerFailure("broker-b", "b:1", "connect to b:1 failed");
        ConsumerProgress progress = ConsumerProgress.of("g", new BrokerAnswers<>(Map.of(
                "broker-a", stats(0, queue("T", "broker-a", 0, 10, 4, 0))), List.of(down)));
        assertEquals(1, progress.queues().size());
        assertEquals(OptionalLong.empty(), progress.diffTotal());
        assertEquals(List.of(down), progress.unanswered());
    }

    @Test
    void topicStatusListsEveryQueueInOrder() {
        TopicStatsTable b = new TopicStatsTable();
        b.getOffsetTable().put(new MessageQueue("T", "broker-b", 0), offsets(0, 4, 99));
        TopicStatsTable a = new TopicStatsTable();
        a.getOffsetTable().put(new MessageQueue("T", "broker-a", 1), offsets(2, 3, 0));
        a.getOffsetTable().put(new MessageQueue("T", "broker-a", 0), offsets(0, 0, 0));
        TopicStatus status = TopicStatus.of("T", new BrokerAnswers<>(Map.of("broker-b", b, "broker-a", a), List.of()));
        assertEquals(List.of(new QueueStatus(new MessageQueue("T", "broker-a", 0), 0, 0, 0),
                new QueueStatus(new MessageQueue("T", "broker-a", 1), 2, 3, 0),
                new QueueStatus(new MessageQueue("T", "broker-b", 0), 0, 4, 99)), status.queues());
        assertTrue(status.unanswered().isEmpty());
    }

    @Test
    void everyMasterOfTheRouteIsAskedAndFailuresAreKept() throws Exception {
        TopicRouteData route = new TopicRouteData(null, List.of(), List.of(
                new BrokerData("c", "broker-b", Map.of(0L, "b:1")),
                new BrokerData("c", "broker-s", Map.of(1L, "s:1")),
                new BrokerData("c", "broker-a", Map.of(0L, "a:1", 1L, "a-slave:1"))), Map.of());
        BrokerAnswers<String> answers = BrokerAnswers.askMasters(route, addr -> {
            if (addr.equals("b:1")) {
                throw new MQBrokerException(17, "no topic", addr);
            }
            return "answer of " + addr;
        });
        assertEquals(Map.of("broker-a", "answer of a:1"), answers.answers());
        assertEquals(1, answers.failures().size());
        BrokerFailure failure = answers.failures().get(0);
        assertEquals("broker-b", failure.brokerName());
        assertEquals("b:1", failure.addr());
        assertTrue(failure.error().contains("no topic"), failure.error());
    }

    private static Map.Entry<MessageQueue, OffsetWrapper> queue(String topic, String broker, int id, long brokerOffset,
            long consumerOffset, long last) {
        OffsetWrapper o = new OffsetWrapper();
        o.setBrokerOffset(brokerOffset);
        o.setConsumerOffset(consumerOffset);
        o.setLastTimestamp(last);
        return Map.entry(new MessageQueue(topic, broker, id), o);
    }

    @SafeVarargs
    private static ConsumeStats stats(double tps, Map.Entry<MessageQueue, OffsetWrapper>... queues) {
        ConsumeStats stats = new ConsumeStats();
        for (Map.Entry<MessageQueue, OffsetWrapper> q : queues) {
            stats.getOffsetTable().put(q.getKey(), q.getValue());
        }
        stats.setConsumeTps(tps);
        return stats;
    }

    private static TopicOffset offsets(long min, long max, long last) {
        TopicOffset o = new TopicOffset();
        o.setMinOffset(min);
        o.setMaxOffset(max);
        o.setLastUpdateTimestamp(last);
        return o;
    }
}
