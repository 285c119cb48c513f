package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** GET_TOPIC_STATS_INFO (202) request. */
public class GetTopicStatsInfoRequestHeader implements CommandCustomHeader {

    @Required
    private String topic;

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
