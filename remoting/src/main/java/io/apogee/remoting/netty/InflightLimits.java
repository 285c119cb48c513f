package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server's limits on the requests it has read and not yet answered. A connection is no longer read (TCP
 * back-pressure on that client alone) while it has {@code serverMaxOutstandingRequestsPerConnection} requests
 * unanswered, or after a request of it took the bodies of all unanswered requests past
 * {@code serverMaxInflightRequestBytes} until they fall back below (or it has none left); beyond
 * {@code serverMaxOutstandingRequests} requests in total, requests are refused with {@code SYSTEM_BUSY}. Counting is a
 * few atomic additions per request and per answer, no lock and no allocation.
 */
final class InflightLimits {

    private static final AttributeKey<AtomicInteger> OUTSTANDING = AttributeKey.valueOf("apogeeOutstandingRequests");

    private final int perConnection;
    private final int total;
    private final long maxBytes;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    InflightLimits(NettyServerConfig config) {
        this.perConnection = config.serverMaxOutstandingRequestsPerConnection;
        this.total = config.serverMaxOutstandingRequests;
        this.maxBytes = config.inflightRequestBytesLimit();
    }

    /** Starts counting the requests of {@code channel}; call before it is read. */
    void track(Channel channel) {
        channel.attr(OUTSTANDING).set(new AtomicInteger());
    }

    /**
     * Counts {@code request} as outstanding until {@link #release}, which must follow for every call whatever this
     * returns.
     *
     * @return {@code null} to process it, or the remark of its {@code SYSTEM_BUSY} refusal
     */
    String admit(Channel channel, RemotingCommand request) {
        AtomicInteger mine = channel.attr(OUTSTANDING).get();
        long held = bytes.addAndGet(request.bodyLength());
        if (mine != null && (mine.incrementAndGet() >= perConnection || held > maxBytes)
                && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
        }
        int count = outstanding.incrementAndGet();
        if (count > total) {
            return "[OVERLOAD]system busy: " + (count - 1) + " requests are outstanding, the limit "
                    + "serverMaxOutstandingRequests is " + total + "; retry later";
        }
        return null;
    }

    /**
     * Ends the count of a request passed to {@link #admit}. Its connection is read again once below the
     * per-connection limit and either below the byte limit or without requests unanswered: the answer to a paused
     * connection's last request always resumes it.
     */
    void release(Channel channel, RemotingCommand request) {
        long held = bytes.addAndGet(-request.bodyLength());
        outstanding.decrementAndGet();
        AtomicInteger mine = channel.attr(OUTSTANDING).get();
        if (mine == null) {
            return;
        }
        int left = mine.decrementAndGet();
        if (left < perConnection && (held <= maxBytes || left == 0) && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /** Requests read and not yet answered, over every connection. */
    int outstanding() {
        return outstanding.get();
    }

    /** Bytes of request bodies read and not yet answered, over every connection. */
    long inflightBytes() {
        return bytes.get();
    }
}
