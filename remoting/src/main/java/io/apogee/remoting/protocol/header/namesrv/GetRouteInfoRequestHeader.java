package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/**
 * GET_ROUTEINFO_BY_TOPIC (105). {@code acceptStandardJsonOnly=true} asks for quoted numeric map keys even from a
 * request whose version is below 401 (V4_9_4); newer requests get them anyway.
 */
public final class GetRouteInfoRequestHeader implements CommandCustomHeader {

    @Required
    private String topic;
    private Boolean acceptStandardJsonOnly;

    public GetRouteInfoRequestHeader() {
    }

    public GetRouteInfoRequestHeader(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    public boolean acceptStandardJsonOnly() {
        return Boolean.TRUE.equals(acceptStandardJsonOnly);
    }

    public GetRouteInfoRequestHeader acceptStandardJsonOnly(boolean accept) {
        this.acceptStandardJsonOnly = accept;
        return this;
    }
}
