package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/** QUERY_CONSUMER_OFFSET (14) request. */
public class QueryConsumerOffsetRequestHeader extends RpcRequestHeader {

    @Required
    private String consumerGroup;
    @Required
    private String topic;
    @Required
    private Integer queueId;

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public Integer getQueueId() {
        return queueId;
    }

    public void setQueueId(Integer queueId) {
        this.queueId = queueId;
    }
}
