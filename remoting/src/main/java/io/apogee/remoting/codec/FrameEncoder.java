package io.apogee.remoting.codec;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes each outbound {@code RemotingCommand} as one frame: header and byte-array body straight into one pooled
 * buffer; a body given as slices (pull responses over the mapped commit log) follows as a wrapped buffer, so the
 * message bytes go from the mapping to the socket without an intermediate copy.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToMessageEncoder<RemotingCommand> {

    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand cmd, List<Object> out) {
        List<ByteBuffer> slices = cmd.bodySlices();
        int inline = cmd.body() == null ? 0 : cmd.body().length;
        int estimate = 256 + inline + (cmd.extFields() == null ? 0 : cmd.extFields().size() * 48);
        ByteBuf frame = ctx.alloc().ioBuffer(estimate);
        try {
            if (slices == null) {
                FrameCodec.encode(cmd, frame);
            } else {
                FrameCodec.encodeHeader(cmd, frame);
            }
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        out.add(frame);
        if (slices != null && !slices.isEmpty()) {
            out.add(Unpooled.wrappedBuffer(slices.stream().map(ByteBuffer::duplicate).toArray(ByteBuffer[]::new)));
        }
    }
}
