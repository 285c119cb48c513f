package io.apogee.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free ports for servers that must keep their port across restarts (a server bound to port 0 would get another one
 * when it starts again): the operating system picks each one from port 0, the socket is closed, the server binds it.
 */
public final class FreePorts {

    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    /** A port that is free now. */
    public static int any() {
        return bind(0);
    }

    /** A broker port {@code p} with {@code p - 2} (VIP) and {@code p + 1} (HA) free as well. */
    public static int forBroker() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = bind(0);
            if (port > 1026 && port < 65535 && isFree(port - 2) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free broker port triple (p - 2, p, p + 1) in " + ATTEMPTS + " attempts");
    }

    private static int bind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try {
            bind(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
