package io.apogee.client.stub;

import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real remoting server on a loopback ephemeral port, answering only the request codes a test gives handlers for
 * (the endpoint answers the rest REQUEST_CODE_NOT_SUPPORTED), and counting the requests of each code.
 * {@link #close()} stops it and its handler threads.
 */
public final class StubServer implements AutoCloseable {

    private final NettyRemotingServer server;
    private final ExecutorService executor = BoundedExecutors.fixed("ApogeeTestStub", 4, 10_000);
    private final Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
    private boolean started;

    public StubServer() {
        server = new NettyRemotingServer(ConfigBinder.conclude(NettyServerConfig::new,
                Map.of("listenPort", 0, "bindAddress", "127.0.0.1")), null);
    }

    /** Answers {@code code} with {@code handler}; call before {@link #start()}. */
    public StubServer on(int code, RequestProcessor handler) {
        AtomicInteger count = counts.computeIfAbsent(code, c -> new AtomicInteger());
        server.registerProcessor(code, (channel, request) -> {
            count.incrementAndGet();
            return handler.processRequest(channel, request);
        }, executor);
        return this;
    }

    public StubServer start() {
        server.start();
        started = true;
        return this;
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + server.localPort();
    }

    /** How many requests of {@code code} arrived. */
    public int count(int code) {
        AtomicInteger count = counts.get(code);
        return count == null ? 0 : count.get();
    }

    /** Sends {@code request} to the client at the other end of {@code channel} and waits up to 10 s for its answer. */
    public RemotingCommand invoke(Channel channel, RemotingCommand request)
            throws InterruptedException, RemotingException {
        return server.invokeSync(channel, request, 10_000);
    }

    /** Sends {@code request} to the client, expecting no answer. */
    public void invokeOneway(Channel channel, RemotingCommand request) throws InterruptedException, RemotingException {
        server.invokeOneway(channel, request, 10_000);
    }

    @Override
    public void close() {
        if (started) {
            server.shutdown();
            started = false;
        }
        executor.shutdownNow();
    }
}
