package io.apogee.remoting.netty;

import io.apogee.remoting.ChannelEventListener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports connects, closes, idleness and errors to the listener; closes a connection that is idle or whose input is
 * bad (a malformed frame closes only that connection, with one log line naming the peer and the reason).
 */
@ChannelHandler.Sharable
final class ConnectionEventHandler extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEventHandler.class);

    private final String side;
    private final ChannelEventListener listener;
    private final Consumer<Channel> onClosed;

    ConnectionEventHandler(String side, ChannelEventListener listener, Consumer<Channel> onClosed) {
        this.side = side;
        this.listener = listener;
        this.onClosed = onClosed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String peer = Channels.remoteAddress(ctx.channel());
        LOG.debug("{}: connection with {} opened", side, peer);
        listener.onChannelConnect(peer, ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String peer = Channels.remoteAddress(ctx.channel());
        LOG.debug("{}: connection with {} closed", side, peer);
        onClosed.accept(ctx.channel());
        listener.onChannelClose(peer, ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            String peer = Channels.remoteAddress(ctx.channel());
            LOG.info("{}: closing idle connection with {}", side, peer);
            listener.onChannelIdle(peer, ctx.channel());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String peer = Channels.remoteAddress(ctx.channel());
        LOG.warn("{}: closing connection with {}: {}", side, peer, describe(cause));
        listener.onChannelException(peer, ctx.channel());
        ctx.close();
    }

    private static String describe(Throwable cause) {
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
