package io.apogee.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for servers that must keep their port across restarts (a server bound to port 0 would get another one
 * when it starts again): a port free now is picked, the probe socket is closed, the server binds it later. Ports are
 * picked below Linux's ephemeral range (32768-60999), from which the system also takes the local port of every
 * outgoing connection: a port from that range could be taken by some client's connection (a browser's, a test
 * client's) before the server binds it. A port handed out is never handed out again by this JVM, nor as part of a
 * broker's triple: two brokers of one cluster are given their ports before either binds them.
 */
public final class FreePorts {

    private static final int ATTEMPTS = 200;
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port that is free now. */
    public static synchronized int any() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = candidate();
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + ".." + HIGHEST + " in " + ATTEMPTS
                + " attempts");
    }

    /** A broker port {@code p} with {@code p - 2} (VIP) and {@code p + 1} (HA) free as well. */
    public static synchronized int forBroker() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = candidate();
            List<Integer> triple = List.of(port - 2, port, port + 1);
            if (triple.stream().noneMatch(HANDED_OUT::contains) && triple.stream().allMatch(FreePorts::isFree)) {
                HANDED_OUT.addAll(triple);
                return port;
            }
        }
        throw new IllegalStateException("no free broker port triple (p - 2, p, p + 1) in " + ATTEMPTS + " attempts");
    }

    /** Whether something accepts connections on {@code 127.0.0.1:port} (a started server), tried for 100 ms. */
    public static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException e) {
            return false;
        }
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
