package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;

/**
 * Base of the broker request headers that carry {@code bname}, the name of the broker the request is meant for
 * (sent by 4.9.8 clients on sends, pulls, offset and transaction requests; optional, servers may ignore it).
 */
public abstract class RpcRequestHeader implements CommandCustomHeader {

    /** Target broker name, or {@code null}. */
    protected String bname;

    public String getBname() {
        return bname;
    }

    public void setBname(String bname) {
        this.bname = bname;
    }
}
