package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;

/**
 * REGISTER_BROKER answer: for a slave whose master is registered, the master's address and HA address; both absent
 * otherwise.
 */
public final class RegisterBrokerResponseHeader implements CommandCustomHeader {

    private String haServerAddr;
    private String masterAddr;

    public RegisterBrokerResponseHeader() {
    }

    public RegisterBrokerResponseHeader(String masterAddr, String haServerAddr) {
        this.masterAddr = masterAddr;
        this.haServerAddr = haServerAddr;
    }

    public String haServerAddr() {
        return haServerAddr;
    }

    public String masterAddr() {
        return masterAddr;
    }
}
