package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** QUERY_TOPIC_CONSUME_BY_WHO (300) request. */
public class QueryTopicConsumeByWhoRequestHeader implements CommandCustomHeader {

    @Required
    private String topic;

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
