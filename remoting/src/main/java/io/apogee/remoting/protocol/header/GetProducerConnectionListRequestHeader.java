package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** GET_PRODUCER_CONNECTION_LIST (204) request. */
public class GetProducerConnectionListRequestHeader implements CommandCustomHeader {

    @Required
    private String producerGroup;

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }
}
