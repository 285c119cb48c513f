package io.apogee.client.admin;

import io.apogee.common.admin.TopicOffset;
import io.apogee.common.admin.TopicStatsTable;
import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every queue of a topic with its offsets ({@code topicStatus}), from each master of the topic's route.
 *
 * @param topic the topic
 * @param queues each queue, ordered by broker name and queue id
 * @param unanswered the brokers that did not answer: their queues are missing from {@code queues}
 */
public record TopicStatus(String topic, List<QueueStatus> queues, List<BrokerFailure> unanswered) {

    static TopicStatus of(String topic, BrokerAnswers<TopicStatsTable> answers) {
        List<QueueStatus> queues = new ArrayList<>();
        for (TopicStatsTable table : answers.answers().values()) {
            for (Map.Entry<MessageQueue, TopicOffset> e : table.getOffsetTable().entrySet()) {
                TopicOffset o = e.getValue();
                queues.add(new QueueStatus(e.getKey(), o.getMinOffset(), o.getMaxOffset(),
                        o.getLastUpdateTimestamp()));
            }
        }
        queues.sort((a, b) -> a.queue().compareTo(b.queue()));
        return new TopicStatus(topic, List.copyOf(queues), answers.failures());
    }
}
