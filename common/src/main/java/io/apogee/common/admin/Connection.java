package io.apogee.common.admin;

import io.apogee.common.protocol.LanguageCode;

/** One client connection of a group, as the broker saw its heartbeat. */
public class Connection {

    private String clientId;
    /** remote {@code ip:port} of the channel */
    private String clientAddr;
    private LanguageCode language;
    /** the heartbeat request's version */
    private int version;

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientAddr() {
        return clientAddr;
    }

    public void setClientAddr(String clientAddr) {
        this.clientAddr = clientAddr;
    }

    public LanguageCode getLanguage() {
        return language;
    }

    public void setLanguage(LanguageCode language) {
        this.language = language;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
