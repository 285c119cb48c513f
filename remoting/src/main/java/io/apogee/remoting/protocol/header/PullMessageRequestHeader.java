package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/** PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361) request. */
public class PullMessageRequestHeader extends RpcRequestHeader {

    /** {@code sysFlag} bit (RocketMQ's PullSysFlag): commit {@code commitOffset} as the group's offset. */
    public static final int FLAG_COMMIT_OFFSET = 0x1;
    /** {@code sysFlag} bit: hold the pull up to {@code suspendTimeoutMillis} when there is nothing new. */
    public static final int FLAG_SUSPEND = 0x2;
    /** {@code sysFlag} bit: filter by the request's {@code subscription} instead of the group's registered one. */
    public static final int FLAG_SUBSCRIPTION = 0x4;

    @Required
    private String consumerGroup;
    @Required
    private String topic;
    @Required
    private Integer queueId;
    /** logical offset to read from */
    @Required
    private Long queueOffset;
    @Required
    private Integer maxMsgNums;
    /** PullSysFlag bits */
    @Required
    private Integer sysFlag;
    /** consumer offset to persist when sysFlag has COMMIT_OFFSET */
    @Required
    private Long commitOffset;
    /** long-poll hold time when sysFlag has SUSPEND */
    @Required
    private Long suspendTimeoutMillis;
    /** expression, used when sysFlag has SUBSCRIPTION */
    private String subscription;
    @Required
    private Long subVersion;
    /** {@code TAG} or {@code SQL92} */
    private String expressionType;

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

    public Long getQueueOffset() {
        return queueOffset;
    }

    public void setQueueOffset(Long queueOffset) {
        this.queueOffset = queueOffset;
    }

    public Integer getMaxMsgNums() {
        return maxMsgNums;
    }

    public void setMaxMsgNums(Integer maxMsgNums) {
        this.maxMsgNums = maxMsgNums;
    }

    public Integer getSysFlag() {
        return sysFlag;
    }

    public void setSysFlag(Integer sysFlag) {
        this.sysFlag = sysFlag;
    }

    public Long getCommitOffset() {
        return commitOffset;
    }

    public void setCommitOffset(Long commitOffset) {
        this.commitOffset = commitOffset;
    }

    public Long getSuspendTimeoutMillis() {
        return suspendTimeoutMillis;
    }

    public void setSuspendTimeoutMillis(Long suspendTimeoutMillis) {
        this.suspendTimeoutMillis = suspendTimeoutMillis;
    }

    public String getSubscription() {
        return subscription;
    }

    public void setSubscription(String subscription) {
        this.subscription = subscription;
    }

    public Long getSubVersion() {
        return subVersion;
    }

    public void setSubVersion(Long subVersion) {
        this.subVersion = subVersion;
    }

    public String getExpressionType() {
        return expressionType;
    }

    public void setExpressionType(String expressionType) {
        this.expressionType = expressionType;
    }
}
