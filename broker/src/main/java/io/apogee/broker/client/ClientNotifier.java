package io.apogee.broker.client;

import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.ResetOffsetBody;
import io.apogee.remoting.protocol.header.NotifyConsumerIdsChangedRequestHeader;
import io.apogee.remoting.protocol.header.ResetOffsetRequestHeader;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Oneway requests from the broker to its clients, over the clients' own connections. */
public final class ClientNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(ClientNotifier.class);
    private static final long ONEWAY_TIMEOUT_MILLIS = 100;

    private final NettyRemotingServer server;

    public ClientNotifier(NettyRemotingServer server) {
        this.server = server;
    }

    /** Tells every member of {@code group} that its membership changed, so each rebalances now. */
    public void consumerIdsChanged(ConsumerGroupInfo group) {
        for (ClientChannelInfo client : group.channels()) {
            NotifyConsumerIdsChangedRequestHeader header = new NotifyConsumerIdsChangedRequestHeader();
            header.setConsumerGroup(group.groupName());
            send(client.channel(), RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, header));
        }
    }

    /** Tells every member of {@code group} to move to the offsets in {@code body}. */
    public void resetOffset(ConsumerGroupInfo group, ResetOffsetRequestHeader header, ResetOffsetBody body) {
        for (ClientChannelInfo client : group.channels()) {
            send(client.channel(), RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, header)
                    .body(body.encode()));
        }
    }

    /** Asks a producer for the state of the transaction whose half message is in {@code request} (oneway). */
    public void checkTransactionState(Channel channel, RemotingCommand request) {
        send(channel, request);
    }

    private void send(Channel channel, RemotingCommand request) {
        if (!channel.isActive()) {
            return;
        }
        try {
            server.invokeOneway(channel, request, ONEWAY_TIMEOUT_MILLIS);
        } catch (RemotingException e) {
            LOG.warn("request {} to client {} not sent: {}", request.code(), channel.remoteAddress(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
