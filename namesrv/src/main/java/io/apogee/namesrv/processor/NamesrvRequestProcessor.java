package io.apogee.namesrv.processor;

import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.netty.Channels;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NameServer request family. A malformed request (missing header field, unparsable value, corrupt body) is
 * answered {@code SYSTEM_ERROR} with the reason as remark; anything else a handler throws goes to the remoting layer,
 * which answers {@code SYSTEM_ERROR} too and logs it with its stack.
 */
abstract class NamesrvRequestProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvRequestProcessor.class);

    @Override
    public final RemotingCommand processRequest(Channel channel, RemotingCommand request) throws Exception {
        try {
            return handle(channel, request);
        } catch (RemotingCommandException e) {
            LOG.info("bad request code {} from {}: {}", request.code(), Channels.remoteAddress(channel),
                    e.getMessage());
            return NamesrvResponses.badRequest(e.getMessage());
        }
    }

    /** Handles one request of this family; see {@link RequestProcessor#processRequest}. */
    abstract RemotingCommand handle(Channel channel, RemotingCommand request) throws Exception;
}
