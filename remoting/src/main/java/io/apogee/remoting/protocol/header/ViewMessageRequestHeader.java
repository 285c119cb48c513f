package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** VIEW_MESSAGE_BY_ID (33) request. */
public class ViewMessageRequestHeader implements CommandCustomHeader {

    /** commit-log offset */
    @Required
    private Long offset;

    public Long getOffset() {
        return offset;
    }

    public void setOffset(Long offset) {
        this.offset = offset;
    }
}
