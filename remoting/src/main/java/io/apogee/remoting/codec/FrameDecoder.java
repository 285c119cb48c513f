package io.apogee.remoting.codec;

import io.apogee.remoting.protocol.RemotingCommandException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Splits the stream into frames and decodes each into a {@code RemotingCommand}. A frame whose declared length is
 * negative or over {@code frameMaxLength} fails before anything is buffered for it; a bad header fails the frame.
 * Failures reach the pipeline's exception handler, which closes the connection.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    /** @param frameMaxLength the largest frame accepted, length prefix included */
    public FrameDecoder(int frameMaxLength) {
        super(frameMaxLength, 0, 4, 0, 4);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        try {
            return FrameCodec.decode(frame);
        } catch (RemotingCommandException e) {
            throw new CorruptedFrameException(e.getMessage(), e);
        } finally {
            frame.release();
        }
    }
}
