package io.apogee.common.admin;

/** One queue's progress in {@link ConsumeStats}. */
public class OffsetWrapper {

    /** the queue's max offset */
    private long brokerOffset;
    /** the group's stored offset, 0 when none */
    private long consumerOffset;
    /** store time of the last consumed message, 0 when none */
    private long lastTimestamp;

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

    public long getLastTimestamp() {
        return lastTimestamp;
    }

    public void setLastTimestamp(long lastTimestamp) {
        this.lastTimestamp = lastTimestamp;
    }
}
