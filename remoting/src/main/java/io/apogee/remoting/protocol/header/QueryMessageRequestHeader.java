package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** QUERY_MESSAGE (12) request: look messages up by key (or unique key, via the extra extField {@code _UNIQUE_KEY_QUERY}). */
public class QueryMessageRequestHeader implements CommandCustomHeader {

    /** extFields key a unique-key query sets to {@code true} (the key is then a message's UNIQ_KEY). */
    public static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";

    @Required
    private String topic;
    @Required
    private String key;
    @Required
    private Integer maxNum;
    @Required
    private Long beginTimestamp;
    @Required
    private Long endTimestamp;

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public Integer getMaxNum() {
        return maxNum;
    }

    public void setMaxNum(Integer maxNum) {
        this.maxNum = maxNum;
    }

    public Long getBeginTimestamp() {
        return beginTimestamp;
    }

    public void setBeginTimestamp(Long beginTimestamp) {
        this.beginTimestamp = beginTimestamp;
    }

    public Long getEndTimestamp() {
        return endTimestamp;
    }

    public void setEndTimestamp(Long endTimestamp) {
        this.endTimestamp = endTimestamp;
    }
}
