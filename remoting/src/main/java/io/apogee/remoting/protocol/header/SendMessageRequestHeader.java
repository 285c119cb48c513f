package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/** SEND_MESSAGE (10) and SEND_REPLY_MESSAGE (324) request: long field names; see {@link SendMessageRequestHeaderV2} for the short form. */
public class SendMessageRequestHeader extends RpcRequestHeader {

    @Required
    private String producerGroup;
    @Required
    private String topic;
    /** the topic new topics inherit from, {@code TBW102} */
    @Required
    private String defaultTopic;
    /** queues of an auto-created topic */
    @Required
    private Integer defaultTopicQueueNums;
    /** target queue; negative lets the broker pick */
    @Required
    private Integer queueId;
    /** message sysFlag bits */
    @Required
    private Integer sysFlag;
    /** ms */
    @Required
    private Long bornTimestamp;
    /** user flag */
    @Required
    private Integer flag;
    /** encoded properties string */
    private String properties;
    private Integer reconsumeTimes;
    private boolean unitMode;
    private boolean batch;
    private Integer maxReconsumeTimes;

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getDefaultTopic() {
        return defaultTopic;
    }

    public void setDefaultTopic(String defaultTopic) {
        this.defaultTopic = defaultTopic;
    }

    public Integer getDefaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    public void setDefaultTopicQueueNums(Integer defaultTopicQueueNums) {
        this.defaultTopicQueueNums = defaultTopicQueueNums;
    }

    public Integer getQueueId() {
        return queueId;
    }

    public void setQueueId(Integer queueId) {
        this.queueId = queueId;
    }

    public Integer getSysFlag() {
        return sysFlag;
    }

    public void setSysFlag(Integer sysFlag) {
        this.sysFlag = sysFlag;
    }

    public Long getBornTimestamp() {
        return bornTimestamp;
    }

    public void setBornTimestamp(Long bornTimestamp) {
        this.bornTimestamp = bornTimestamp;
    }

    public Integer getFlag() {
        return flag;
    }

    public void setFlag(Integer flag) {
        this.flag = flag;
    }

    public String getProperties() {
        return properties;
    }

    public void setProperties(String properties) {
        this.properties = properties;
    }

    public Integer getReconsumeTimes() {
        return reconsumeTimes;
    }

    public void setReconsumeTimes(Integer reconsumeTimes) {
        this.reconsumeTimes = reconsumeTimes;
    }

    public boolean isUnitMode() {
        return unitMode;
    }

    public void setUnitMode(boolean unitMode) {
        this.unitMode = unitMode;
    }

    public boolean isBatch() {
        return batch;
    }

    public void setBatch(boolean batch) {
        this.batch = batch;
    }

    public Integer getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(Integer maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }
}
