package io.apogee.remoting;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;

/** Handles the requests of one request family; registered with a server or client per request code. */
public interface RequestProcessor {

    /**
     * Handles {@code request}, which arrived on {@code channel}.
     *
     * @return the response to write (the caller sets its opaque and flag), or {@code null} when there is nothing to
     *     write now: oneway requests, or a processor that answers later itself (long polling) with
     *     {@code channel.writeAndFlush(response.answering(request))}
     * @throws Exception anything unexpected; the caller answers {@code SYSTEM_ERROR} with the exception's description
     */
    RemotingCommand processRequest(Channel channel, RemotingCommand request) throws Exception;

    /** Whether to refuse work right now with {@code SYSTEM_BUSY} (flow control), checked before queueing. */
    default boolean rejectRequest() {
        return false;
    }
}
