package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** SEARCH_OFFSET_BY_TIMESTAMP response. */
public class SearchOffsetResponseHeader implements CommandCustomHeader {

    @Required
    private Long offset;

    public Long getOffset() {
        return offset;
    }

    public void setOffset(Long offset) {
        this.offset = offset;
    }
}
