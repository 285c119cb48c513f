package io.apogee.broker;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** The address a broker announces when {@code brokerIP1} is not set: a site-local IPv4 address if any, else loopback. */
final class LocalAddress {

    private LocalAddress() {
    }

    static String pick() {
        try {
            String fallback = null;
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        if (address.isSiteLocalAddress()) {
                            return address.getHostAddress();
                        }
                        fallback = fallback == null ? address.getHostAddress() : fallback;
                    }
                }
            }
            return fallback != null ? fallback : "127.0.0.1";
        } catch (SocketException e) {
            return "127.0.0.1";
        }
    }
}
