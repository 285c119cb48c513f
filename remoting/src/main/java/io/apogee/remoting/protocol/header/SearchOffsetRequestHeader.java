package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/** SEARCH_OFFSET_BY_TIMESTAMP (29) request. */
public class SearchOffsetRequestHeader extends TopicQueueRequestHeader {

    /** ms */
    @Required
    private Long timestamp;

    public Long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(Long timestamp) {
        this.timestamp = timestamp;
    }
}
