package io.apogee.store.ha;

import io.apogee.common.service.ServiceLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * Accepts slaves on {@code haListenPort}. Each step blocks in {@code accept} (its idle); {@link #closeSocket()}
 * ends that wait, so close the socket before the loop's runner.
 */
final class SlaveAcceptor implements ServiceLoop {

    private final ServerSocketChannel server;
    private final Consumer<SocketChannel> onAccepted;

    /**
     * Binds the port at once, so a port in use fails the store's start.
     *
     * @param port 0 for any free port
     */
    SlaveAcceptor(int port, Consumer<SocketChannel> onAccepted) throws IOException {
        this.onAccepted = onAccepted;
        this.server = ServerSocketChannel.open();
        try {
            server.socket().setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen for HA slaves on haListenPort " + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String roleName() {
        return "ApogeeHaAcceptor";
    }

    /** The bound port. */
    int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public int doWork() throws IOException {
        try {
            onAccepted.accept(server.accept());
            return 1;
        } catch (ClosedChannelException closing) {
            return 0;
        }
    }

    /** Stops accepting; an accept in progress ends. */
    void closeSocket() throws IOException {
        server.close();
    }
}
