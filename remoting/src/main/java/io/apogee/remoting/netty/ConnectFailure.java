package io.apogee.remoting.netty;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Says why a connection to a peer could not be opened, in the words an operator acts on: nothing listens at the
 * address (wrong host or port, server not started), no answer in time (host down or a firewall), or an unknown host.
 */
final class ConnectFailure {

    private ConnectFailure() {
    }

    /**
     * @param addr          the {@code host:port} that was dialled
     * @param cause         the connect failure, or {@code null} when the attempt did not finish in time
     * @param timeoutMillis the connect timeout
     */
    static String describe(String addr, Throwable cause, long timeoutMillis) {
        String prefix = "connect to " + addr + " failed: ";
        if (cause == null || cause instanceof ConnectTimeoutException) {
            return prefix + "no answer within " + timeoutMillis + " ms (the host is down or unreachable, or a"
                    + " firewall drops the connection)";
        }
        if (cause instanceof NoRouteToHostException) {
            return prefix + "no route to host (the host is down or a firewall rejects the connection)";
        }
        if (cause instanceof ConnectException) {
            return prefix + "connection refused, nothing listens at " + addr
                    + " (is the server started, and is the port right?)";
        }
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            return prefix + "unknown host (check the host name)";
        }
        return prefix + cause;
    }
}
