package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/** CONSUMER_SEND_MSG_BACK (36) request: re-deliver a failed message through the retry topic. */
public class ConsumerSendMsgBackRequestHeader extends RpcRequestHeader {

    /** commit-log offset of the failed message */
    @Required
    private Long offset;
    @Required
    private String group;
    /** 0 lets the broker choose {@code 3 + reconsumeTimes}; negative sends straight to the DLQ */
    @Required
    private Integer delayLevel;
    private String originMsgId;
    private String originTopic;
    private boolean unitMode;
    private Integer maxReconsumeTimes;

    public Long getOffset() {
        return offset;
    }

    public void setOffset(Long offset) {
        this.offset = offset;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public Integer getDelayLevel() {
        return delayLevel;
    }

    public void setDelayLevel(Integer delayLevel) {
        this.delayLevel = delayLevel;
    }

    public String getOriginMsgId() {
        return originMsgId;
    }

    public void setOriginMsgId(String originMsgId) {
        this.originMsgId = originMsgId;
    }

    public String getOriginTopic() {
        return originTopic;
    }

    public void setOriginTopic(String originTopic) {
        this.originTopic = originTopic;
    }

    public boolean isUnitMode() {
        return unitMode;
    }

    public void setUnitMode(boolean unitMode) {
        this.unitMode = unitMode;
    }

    public Integer getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(Integer maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }
}
