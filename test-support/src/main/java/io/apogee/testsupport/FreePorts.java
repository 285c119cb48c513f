package io.apogee.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for servers that must keep their port across restarts (a server bound to port 0 would get another one
 * when it starts again): a port free now is picked, the probe socket is closed, the server binds it later. Ports are
 * picked below Linux's ephemeral range (32768-60999), from which the system also takes the local port of every
 * outgoing connection: a port from that range could be taken by some client's connection (a browser's, a test
 * client's) before the server binds it.
 */
public final class FreePorts {

    private static final int ATTEMPTS = 200;
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;

    private FreePorts() {
    }

    /** A port that is free now. */
    public static int any() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = candidate();
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + ".." + HIGHEST + " in " + ATTEMPTS
                + " attempts");
    }

    /** A broker port {@code p} with {@code p - 2} (VIP) and {@code p + 1} (HA) free as well. */
    public static int forBroker() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = candidate();
            if (isFree(port) && isFree(port - 2) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free broker port triple (p - 2, p, p + 1) in " + ATTEMPTS + " attempts");
    }

    private static int candidate() {
        return ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
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
