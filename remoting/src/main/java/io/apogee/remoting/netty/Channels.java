package io.apogee.remoting.netty;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Channel address helpers. */
public final class Channels {

    private Channels() {
    }

    /** The peer as {@code host:port} (numeric host), or {@code ""} when unknown. */
    public static String remoteAddress(Channel channel) {
        return channel == null ? "" : format(channel.remoteAddress());
    }

    /** {@code host:port} with a numeric host, as RocketMQ prints addresses. */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        return address == null ? "" : address.toString();
    }

    /** Parses {@code host:port} (IPv6 hosts may be bracketed). */
    public static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address must be host:port, was '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address must be host:port, was '" + address + "'");
        }
        return new InetSocketAddress(host, port);
    }
}
