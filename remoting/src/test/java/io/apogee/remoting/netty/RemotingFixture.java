package io.apogee.remoting.netty;

import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

/** A loopback server and client for tests; everything it starts, {@link #close()} stops. */
final class RemotingFixture implements AutoCloseable {

    static final int ECHO = 1000;

    final NettyRemotingServer server;
    final NettyRemotingClient client;
    final String address;
    private final List<ExecutorService> executors = new ArrayList<>();

    RemotingFixture(NettyServerConfig serverConfig, NettyClientConfig clientConfig, ChannelEventListener listener) {
        server = new NettyRemotingServer(serverConfig, listener);
        server.registerProcessor(ECHO, echo(), executor("ApogeeTestEcho", 4, 10_000));
        server.start();
        address = "127.0.0.1:" + server.localPort();
        client = new NettyRemotingClient(clientConfig, null);
        client.start();
    }

    RemotingFixture() {
        this(new NettyServerConfig(), new NettyClientConfig(), null);
    }

    ExecutorService executor(String name, int threads, int queue) {
        ExecutorService executor = BoundedExecutors.fixed(name, threads, queue);
        executors.add(executor);
        return executor;
    }

    /** An executor taking the connections' requests in turn from {@code queue}, shut down by {@link #close()}. */
    ThreadPoolExecutor fairExecutor(String name, int threads, FairRequestQueue queue) {
        ThreadPoolExecutor executor = RequestExecutors.fair(name, threads, queue);
        executors.add(executor);
        return executor;
    }

    /** Answers with the request's extFields and body. */
    static RequestProcessor echo() {
        return (channel, request) -> RemotingCommand.response(ResponseCode.SUCCESS, null)
                .extFields(request.extFields()).body(request.body());
    }

    @Override
    public void close() {
        client.shutdown();
        server.shutdown();
        executors.forEach(ExecutorService::shutdownNow);
    }
}
