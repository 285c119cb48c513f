package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/** Base of the requests about one queue of a topic: {@code topic} and {@code queueId}, both required. */
public abstract class TopicQueueRequestHeader extends RpcRequestHeader {

    @Required
    private String topic;
    @Required
    private Integer queueId;

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
