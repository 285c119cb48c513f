package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import io.apogee.remoting.protocol.heartbeat.SubscriptionData;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** GET_CONSUMER_RUNNING_INFO (307) reply body: a consumer's settings, subscriptions and per-queue state. */
public class ConsumerRunningInfo {

    private Map<String, String> properties = new TreeMap<>();
    private Set<SubscriptionData> subscriptionSet = new LinkedHashSet<>();
    private Map<MessageQueue, ProcessQueueInfo> mqTable = new TreeMap<>();
    private Map<String, ConsumeStatus> statusTable = new TreeMap<>();
    private String jstack;

    /** Parses a body written by Apache RocketMQ or by us. */
    public static ConsumerRunningInfo decode(byte[] body) {
        return JSON.parseObject(body, ConsumerRunningInfo.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    public Set<SubscriptionData> getSubscriptionSet() {
        return subscriptionSet;
    }

    public void setSubscriptionSet(Set<SubscriptionData> subscriptionSet) {
        this.subscriptionSet = subscriptionSet;
    }

    public Map<MessageQueue, ProcessQueueInfo> getMqTable() {
        return mqTable;
    }

    public void setMqTable(Map<MessageQueue, ProcessQueueInfo> mqTable) {
        this.mqTable = mqTable;
    }

    public Map<String, ConsumeStatus> getStatusTable() {
        return statusTable;
    }

    public void setStatusTable(Map<String, ConsumeStatus> statusTable) {
        this.statusTable = statusTable;
    }

    public String getJstack() {
        return jstack;
    }

    public void setJstack(String jstack) {
        this.jstack = jstack;
    }
}
