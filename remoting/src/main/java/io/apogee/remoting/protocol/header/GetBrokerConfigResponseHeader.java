package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** GET_BROKER_CONFIG (26) response. */
public class GetBrokerConfigResponseHeader implements CommandCustomHeader {

    /** DataVersion JSON */
    @Required
    private String version;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }
}
