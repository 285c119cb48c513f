package io.apogee.remoting.netty;

import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;

/**
 * A request queued for its processor's executor. Servers that shed load (RocketMQ's "fast failure") scan their
 * executor's queue for tasks waiting too long and {@link #reject} them instead of running them late.
 */
public final class RequestTask implements Runnable {

    private final Channel channel;
    private final RemotingCommand request;
    private final RequestProcessor processor;
    private final RemotingEndpoint endpoint;
    private final long createdMillis = System.currentTimeMillis();

    RequestTask(Channel channel, RemotingCommand request, RequestProcessor processor, RemotingEndpoint endpoint) {
        this.channel = channel;
        this.request = request;
        this.processor = processor;
        this.endpoint = endpoint;
    }

    @Override
    public void run() {
        endpoint.process(processor, channel, request);
    }

    /** When the request was queued. */
    public long createdMillis() {
        return createdMillis;
    }

    /**
     * Answers the request (unless oneway) with {@code code} and {@code remark} instead of running it; the hooks see
     * it as any other request.
     */
    public void reject(int code, String remark) {
        endpoint.refuse(channel, request, code, remark);
    }
}
