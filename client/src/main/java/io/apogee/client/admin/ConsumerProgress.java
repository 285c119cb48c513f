package io.apogee.client.admin;

import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A consumer group's progress over every queue it consumes ({@code consumerProgress}), from each master of the
 * group's retry-topic route.
 *
 * @param group the consumer group
 * @param queues each queue's progress, ordered by topic, broker name and queue id
 * @param consumeTps messages the group consumed per second, summed over the brokers that answered
 * @param unanswered the brokers that did not answer: their queues are missing from {@code queues}
 */
public record ConsumerProgress(String group, List<QueueProgress> queues, double consumeTps,
        List<BrokerFailure> unanswered) {

    /**
     * Messages stored but not yet consumed by the group, summed over its queues ({@link QueueProgress#lag()}); empty
     * (unknown) when a broker did not answer, because the sum would then be short.
     */
    public OptionalLong diffTotal() {
        if (!unanswered.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(queues.stream().mapToLong(QueueProgress::lag).sum());
    }

    static ConsumerProgress of(String group, BrokerAnswers<ConsumeStats> answers) {
        List<QueueProgress> queues = new ArrayList<>();
        double tps = 0;
        for (ConsumeStats stats : answers.answers().values()) {
            for (Map.Entry<MessageQueue, OffsetWrapper> e : stats.getOffsetTable().entrySet()) {
                OffsetWrapper o = e.getValue();
                queues.add(new QueueProgress(e.getKey(), o.getBrokerOffset(), o.getConsumerOffset(),
                        o.getLastTimestamp()));
            }
            tps += stats.getConsumeTps();
        }
        queues.sort((a, b) -> a.queue().compareTo(b.queue()));
        return new ConsumerProgress(group, List.copyOf(queues), tps, answers.failures());
    }
}
