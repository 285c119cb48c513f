package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** DELETE_TOPIC_IN_BROKER (215) request. */
public class DeleteTopicRequestHeader implements CommandCustomHeader {

    @Required
    private String topic;

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
