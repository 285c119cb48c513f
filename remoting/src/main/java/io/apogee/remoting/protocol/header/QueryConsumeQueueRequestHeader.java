package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** QUERY_CONSUME_QUEUE (321) request. */
public class QueryConsumeQueueRequestHeader implements CommandCustomHeader {

    private String topic;
    private int queueId;
    private long index;
    private int count;
    private String consumerGroup;

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public int getQueueId() {
        return queueId;
    }

    public void setQueueId(int queueId) {
        this.queueId = queueId;
    }

    public long getIndex() {
        return index;
    }

    public void setIndex(long index) {
        this.index = index;
    }

    public int getCount() {
        return count;
    }

    public void setCount(int count) {
        this.count = count;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }
}
