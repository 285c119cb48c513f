package io.apogee.remoting.netty;

import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;

/**
 * A request queued for its processor's executor. Servers that shed load (RocketMQ's "fast failure") scan their
 * executor's queue for tasks waiting too long and {@link #reject} them instead of running them late.
 *
 * <p>A task is queued at most once. While it waits in a {@link FairRequestQueue} it is a link of its connection's
 * lane ({@link #nextInLane}), so queueing it allocates nothing beyond the task itself.
 */
public final class RequestTask implements Runnable {

    private final Channel channel;
    private final RemotingCommand request;
    private final RequestProcessor processor;
    private final RemotingEndpoint endpoint;
    private final long createdMillis;
    /** The task queued after this one on the same connection's lane; guarded by the owning queue's lock. */
    RequestTask nextInLane;

    RequestTask(Channel channel, RemotingCommand request, RequestProcessor processor, RemotingEndpoint endpoint) {
        this(channel, request, processor, endpoint, System.currentTimeMillis());
    }

    /** A task as if queued at {@code createdMillis} (tests of what waited how long). */
    RequestTask(Channel channel, RemotingCommand request, RequestProcessor processor, RemotingEndpoint endpoint,
            long createdMillis) {
        this.channel = channel;
        this.request = request;
        this.processor = processor;
        this.endpoint = endpoint;
        this.createdMillis = createdMillis;
    }

    @Override
    public void run() {
        endpoint.process(processor, channel, request);
    }

    /** When the request was queued. */
    public long createdMillis() {
        return createdMillis;
    }

    /** The connection the request came on. */
    Channel channel() {
        return channel;
    }

    /**
     * Answers the request (unless oneway) with {@code code} and {@code remark} instead of running it; the hooks see
     * it as any other request.
     */
    public void reject(int code, String remark) {
        endpoint.refuse(channel, request, code, remark);
    }
}
