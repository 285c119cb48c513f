package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** ADD_WRITE_PERM_OF_BROKER answer: how many topics had a queue of that broker name. */
public final class AddWritePermOfBrokerResponseHeader implements CommandCustomHeader {

    private Integer addTopicCount;

    public AddWritePermOfBrokerResponseHeader() {
    }

    public AddWritePermOfBrokerResponseHeader(int addTopicCount) {
        this.addTopicCount = addTopicCount;
    }

    public int addTopicCount() {
        return addTopicCount == null ? 0 : addTopicCount;
    }
}
