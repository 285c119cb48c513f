package io.apogee.remoting;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.Reply;
import io.netty.channel.Channel;

/**
 * Handles the requests of one request code; registered with a server or client per code. A request family (sends,
 * offsets, topic admin, ...) registers one handler for each code it handles, so no code is dispatched twice.
 */
@FunctionalInterface
public interface RequestProcessor {

    /**
     * Handles {@code request}, which arrived on {@code channel}. A processor never writes a response itself: the
     * endpoint ties the reply to its request, runs the {@link RpcHook}s and writes it (not for oneway requests).
     *
     * @return the response now (a {@link RemotingCommand}), {@link Reply#later} for one that completes later, or
     *     {@code null} when the request gets no response
     * @throws Exception anything unexpected; the endpoint answers {@code SYSTEM_ERROR} with the exception's
     *     description (for a malformed request, {@link io.apogee.remoting.protocol.RemotingCommandException}'s
     *     message alone)
     */
    Reply processRequest(Channel channel, RemotingCommand request) throws Exception;
}
