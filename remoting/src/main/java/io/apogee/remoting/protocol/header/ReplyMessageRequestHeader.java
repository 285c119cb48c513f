package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/**
 * PUSH_REPLY_MESSAGE_TO_CLIENT (326), broker to the requesting producer: the fields of the reply's SEND_REPLY_MESSAGE
 * header plus where it was born and stored (RocketMQ 4.9's {@code ReplyMessageRequestHeader}, same required fields).
 */
public class ReplyMessageRequestHeader implements CommandCustomHeader {

    @Required
    private String producerGroup;
    @Required
    private String topic;
    @Required
    private String defaultTopic;
    @Required
    private Integer defaultTopicQueueNums;
    @Required
    private Integer queueId;
    /** message sysFlag bits (bit 0: the body is compressed) */
    @Required
    private Integer sysFlag;
    /** ms */
    @Required
    private Long bornTimestamp;
    /** user flag */
    @Required
    private Integer flag;
    /** encoded properties string, with {@code PUSH_REPLY_TIME} added by the broker */
    private String properties;
    private Integer reconsumeTimes;
    private boolean unitMode;
    /** the replying producer's address, {@code ip:port} */
    @Required
    private String bornHost;
    /** the broker's address, {@code ip:port} */
    @Required
    private String storeHost;
    /** when the broker pushed it, ms */
    @Required
    private long storeTimestamp;

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

    public String getBornHost() {
        return bornHost;
    }

    public void setBornHost(String bornHost) {
        this.bornHost = bornHost;
    }

    public String getStoreHost() {
        return storeHost;
    }

    public void setStoreHost(String storeHost) {
        this.storeHost = storeHost;
    }

    public long getStoreTimestamp() {
        return storeTimestamp;
    }

    public void setStoreTimestamp(long storeTimestamp) {
        this.storeTimestamp = storeTimestamp;
    }
}
