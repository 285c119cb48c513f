package io.apogee.common.admin;


import io.apogee.common.message.MessageQueue;

import io.apogee.common.consumer.SubscriptionData;
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
