package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a server connection: tells a TLS client from a plain-text one by the first byte (a TLS
 * handshake record, 22, is never the first byte of a RocketMQ frame, whose length would then pass 300 MB) and sets
 * the connection up for the server's mode. Permissive serves both; enforcing answers a plain-text client's first
 * request with {@code SYSTEM_ERROR} and a remark saying why, then closes; disabled closes a TLS client. Each refusal
 * is one WARN line naming the peer.
 */
final class TlsSniffer extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(TlsSniffer.class);
    private static final byte TLS_HANDSHAKE = 22;
    static final String PLAIN_REFUSED = "this server accepts TLS connections only (" + TlsSettings.SERVER_MODE
            + "=enforcing): connect with TLS (" + TlsSettings.ENABLE + "=true on the client)";

    private final Tls.Server tls;

    TlsSniffer(Tls.Server tls) {
        this.tls = tls;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        boolean tlsClient = in.getByte(in.readerIndex()) == TLS_HANDSHAKE;
        String peer = Channels.remoteAddress(ctx.channel());
        if (tlsClient && tls.mode() == NettyServerConfig.TlsMode.DISABLED) {
            LOG.warn("closing a TLS connection from {}: TLS is disabled on this server ({} is not set)", peer,
                    TlsSettings.SERVER_MODE);
            in.skipBytes(in.readableBytes());
            ctx.close();
        } else if (tlsClient) {
            ctx.pipeline().replace(this, "tls", tls.context().newHandler(ctx.alloc()));
        } else if (tls.mode() == NettyServerConfig.TlsMode.ENFORCING) {
            LOG.warn("refusing a plain-text connection from {}: {}", peer, PLAIN_REFUSED);
            ctx.pipeline().replace("command", "plainTextRefusal", new PlainTextRefusal());
            ctx.pipeline().remove(this);
        } else {
            ctx.pipeline().remove(this);
        }
    }

    /** Answers the first request of a refused plain-text connection with the reason, then closes it. */
    private static final class PlainTextRefusal extends SimpleChannelInboundHandler<RemotingCommand> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand request) {
            if (request.isResponse() || request.isOneway()) {
                ctx.close();
                return;
            }
            ctx.writeAndFlush(RemotingCommand.response(ResponseCode.SYSTEM_ERROR, PLAIN_REFUSED).answering(request))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
