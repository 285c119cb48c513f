package io.apogee.remoting.protocol.body;

import io.apogee.common.consumer.SubscriptionData;
import java.util.ArrayList;
import java.util.List;

/** QUERY_CONSUME_QUEUE (321) response body: a queue's bounds and some of its entries. */
public class QueryConsumeQueueResponseBody {

    /** the asked group's subscription to the topic, when online */
    private SubscriptionData subscriptionData;
    /** a remark on the filter, such as {@code group@topic is not online!} */
    private String filterData;
    private List<ConsumeQueueData> queueData = new ArrayList<>();
    private long maxQueueIndex;
    private long minQueueIndex;

    public SubscriptionData getSubscriptionData() {
        return subscriptionData;
    }

    public void setSubscriptionData(SubscriptionData subscriptionData) {
        this.subscriptionData = subscriptionData;
    }

    public String getFilterData() {
        return filterData;
    }

    public void setFilterData(String filterData) {
        this.filterData = filterData;
    }

    public List<ConsumeQueueData> getQueueData() {
        return queueData;
    }

    public void setQueueData(List<ConsumeQueueData> queueData) {
        this.queueData = queueData;
    }

    public long getMaxQueueIndex() {
        return maxQueueIndex;
    }

    public void setMaxQueueIndex(long maxQueueIndex) {
        this.maxQueueIndex = maxQueueIndex;
    }

    public long getMinQueueIndex() {
        return minQueueIndex;
    }

    public void setMinQueueIndex(long minQueueIndex) {
        this.minQueueIndex = minQueueIndex;
    }
}
