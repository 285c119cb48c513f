package io.apogee.remoting.netty;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes a connection accepted beyond {@code serverMaxConnections} open ones, saying so in the log. */
final class ConnectionLimit {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimit(int max) {
        this.max = max;
    }

    /** Counts {@code channel} until it closes; {@code false} (and the channel closed) when it is one too many. */
    boolean admit(Channel channel) {
        int count = open.incrementAndGet();
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        if (count > max) {
            LOG.warn("connection from {} refused: {} connections are open, the limit serverMaxConnections is {}",
                    Channels.remoteAddress(channel), count - 1, max);
            channel.close();
            return false;
        }
        return true;
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }
}
