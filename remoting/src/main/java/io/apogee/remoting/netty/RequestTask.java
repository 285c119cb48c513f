package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;

/**
 * A request queued for its processor's executor. Servers that shed load (RocketMQ's "fast failure") scan their
 * executor's queue for tasks waiting too long and {@link #reject} them instead of running them late.
 */
public final class RequestTask implements Runnable {

    private final Channel channel;
    private final RemotingCommand request;
    private final Runnable work;
    private final RemotingEndpoint endpoint;
    private final long createdMillis = System.currentTimeMillis();

    RequestTask(Channel channel, RemotingCommand request, Runnable work, RemotingEndpoint endpoint) {
        this.channel = channel;
        this.request = request;
        this.work = work;
        this.endpoint = endpoint;
    }

    @Override
    public void run() {
        work.run();
    }

    /** When the request was queued. */
    public long createdMillis() {
        return createdMillis;
    }

    /** Answers the request (unless oneway) with {@code code} and {@code remark} instead of running it. */
    public void reject(int code, String remark) {
        endpoint.writeResponse(channel, request, RemotingCommand.response(code, remark));
    }
}
