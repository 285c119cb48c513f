package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** WIPE_WRITE_PERM_OF_BROKER answer: how many topics had a queue of that broker name. */
public final class WipeWritePermOfBrokerResponseHeader implements CommandCustomHeader {

    private Integer wipeTopicCount;

    public WipeWritePermOfBrokerResponseHeader() {
    }

    public WipeWritePermOfBrokerResponseHeader(int wipeTopicCount) {
        this.wipeTopicCount = wipeTopicCount;
    }

    public int wipeTopicCount() {
        return wipeTopicCount == null ? 0 : wipeTopicCount;
    }
}
