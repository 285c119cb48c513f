package io.apogee.common.admin;

/**
 * What {@code resetOffsetByTimestampOld} did to one queue (RocketMQ's class of that name): the queue's end, the
 * group's offset before, the offset of the timestamp, and the offset the group has now.
 */
public class RollbackStats {

    private String brokerName;
    private long queueId;
    private long brokerOffset;
    private long consumerOffset;
    private long timestampOffset;
    private long rollbackOffset;

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public long getQueueId() {
        return queueId;
    }

    public void setQueueId(long queueId) {
        this.queueId = queueId;
    }

    public long getBrokerOffset() {
        return brokerOffset;
    }

    public void setBrokerOffset(long brokerOffset) {
        this.brokerOffset = brokerOffset;
    }

    public long getConsumerOffset() {
        return consumerOffset;
    }

    public void setConsumerOffset(long consumerOffset) {
        this.consumerOffset = consumerOffset;
    }

    public long getTimestampOffset() {
        return timestampOffset;
    }

    public void setTimestampOffset(long timestampOffset) {
        this.timestampOffset = timestampOffset;
    }

    public long getRollbackOffset() {
        return rollbackOffset;
    }

    public void setRollbackOffset(long rollbackOffset) {
        this.rollbackOffset = rollbackOffset;
    }

    @Override
    public String toString() {
        return "RollbackStats [brokerName=" + brokerName + ", queueId=" + queueId + ", brokerOffset=" + brokerOffset
                + ", consumerOffset=" + consumerOffset + ", timestampOffset=" + timestampOffset
                + ", rollbackOffset=" + rollbackOffset + "]";
    }
}
