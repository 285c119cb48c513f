package io.apogee.common.message;

import java.util.Comparator;
import java.util.Objects;

/**
 * One queue of a topic on one broker: {@code (topic, brokerName, queueId)}, written in JSON as
 * {@code {"brokerName":…,"queueId":…,"topic":…}}. Immutable in use (the setters exist for JSON binding only);
 * ordered by topic, broker name, then queue id.
 */
public class MessageQueue implements Comparable<MessageQueue> {

    private static final Comparator<MessageQueue> ORDER = Comparator.comparing(MessageQueue::getTopic)
            .thenComparing(MessageQueue::getBrokerName)
            .thenComparingInt(MessageQueue::getQueueId);

    private String topic;
    private String brokerName;
    private int queueId;

    public MessageQueue() {
    }

    public MessageQueue(String topic, String brokerName, int queueId) {
        this.topic = topic;
        this.brokerName = brokerName;
        this.queueId = queueId;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public int getQueueId() {
        return queueId;
    }

    public void setQueueId(int queueId) {
        this.queueId = queueId;
    }

    @Override
    public int compareTo(MessageQueue other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageQueue m && queueId == m.queueId && Objects.equals(topic, m.topic)
                && Objects.equals(brokerName, m.brokerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, brokerName, queueId);
    }

    @Override
    public String toString() {
        return "MessageQueue[topic=" + topic + ", brokerName=" + brokerName + ", queueId=" + queueId + "]";
    }
}
