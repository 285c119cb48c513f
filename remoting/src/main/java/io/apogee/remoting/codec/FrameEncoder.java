package io.apogee.remoting.codec;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes each outbound {@code RemotingCommand} as one frame, straight into the outbound buffer. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<RemotingCommand> {

    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand cmd, ByteBuf out) {
        FrameCodec.encode(cmd, out);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, RemotingCommand cmd, boolean preferDirect) {
        int bodyLength = cmd.body() == null ? 0 : cmd.body().length;
        int estimate = 256 + bodyLength + (cmd.extFields() == null ? 0 : cmd.extFields().size() * 48);
        return preferDirect ? ctx.alloc().ioBuffer(estimate) : ctx.alloc().heapBuffer(estimate);
    }
}
