package io.apogee.remoting.protocol.body;

import io.apogee.common.message.MessageQueue;
import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashSet;
import java.util.Set;

/** Base of the lock and unlock request bodies: a client of a group and a set of queues. */
public abstract class QueueSetRequestBody {

    private String consumerGroup;
    private String clientId;
    private Set<MessageQueue> mqSet = new LinkedHashSet<>();

    /** This body as JSON. */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Set<MessageQueue> getMqSet() {
        return mqSet;
    }

    public void setMqSet(Set<MessageQueue> mqSet) {
        this.mqSet = mqSet;
    }
}
