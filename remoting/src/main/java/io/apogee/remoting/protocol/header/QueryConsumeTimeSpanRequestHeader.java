package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** QUERY_CONSUME_TIME_SPAN (303) request. */
public class QueryConsumeTimeSpanRequestHeader implements CommandCustomHeader {

    @Required
    private String topic;
    @Required
    private String group;

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }
}
