package io.apogee.namesrv.liveness;

import io.apogee.namesrv.route.RouteTable;
import io.apogee.remoting.ChannelEventListener;
import io.netty.channel.Channel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the brokers that registered over a channel as soon as it closes. A failed or idle channel is closed by the
 * remoting layer, so closing is the one event that matters. Runs on the channel's I/O thread; the route table's
 * write lock is held only for in-memory updates, and not at all for the many client channels that registered
 * nothing.
 */
public final class BrokerChannelHousekeeping implements ChannelEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerChannelHousekeeping.class);

    private final RouteTable routeTable;

    public BrokerChannelHousekeeping(RouteTable routeTable) {
        this.routeTable = routeTable;
    }

    @Override
    public void onChannelClose(String remoteAddr, Channel channel) {
        List<String> removed = routeTable.removeBrokersOn(channel);
        if (!removed.isEmpty()) {
            LOG.info("channel from {} closed, brokers removed: {}", remoteAddr, removed);
        }
    }
}
