package io.apogee.remoting.codec;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * The RocketMQ frame: {@code int L} (bytes that follow), {@code int (serializeType << 24 | H)}, {@code H} header
 * bytes, {@code L - 4 - H} body bytes. The header is written in the command's own serialize type.
 */
public final class FrameCodec {

    /** RocketMQ's default maximum frame, length prefix included. */
    public static final int DEFAULT_FRAME_MAX_LENGTH = 16 * 1024 * 1024;

    private static final int MAX_HEADER_LENGTH = 0xFFFFFF;

    private FrameCodec() {
    }

    /** Appends {@code cmd} as one whole frame to {@code out} (a body given as slices is copied in too). */
    public static void encode(RemotingCommand cmd, ByteBuf out) {
        encodeHeader(cmd, out);
        if (cmd.body() != null) {
            out.writeBytes(cmd.body());
        } else if (cmd.bodySlices() != null) {
            cmd.bodySlices().forEach(slice -> out.writeBytes(slice.duplicate()));
        }
    }

    /**
     * Appends the frame's length prefix, header-length word and header to {@code out}; the {@link
     * RemotingCommand#bodyLength()} body bytes must follow.
     */
    public static void encodeHeader(RemotingCommand cmd, ByteBuf out) {
        int start = out.writerIndex();
        out.writeLong(0);
        int headerStart = out.writerIndex();
        if (cmd.serializeType() == SerializeType.ROCKETMQ) {
            BinaryHeaderCodec.encode(cmd, out);
        } else {
            JsonHeaderWriter.encode(cmd, out);
        }
        int headerLength = out.writerIndex() - headerStart;
        if (headerLength > MAX_HEADER_LENGTH) {
            out.writerIndex(start);
            throw new IllegalArgumentException("header of " + headerLength + " bytes exceeds the 24-bit limit");
        }
        out.setInt(start, out.writerIndex() - start - 4 + cmd.bodyLength());
        out.setInt(start + 4, (cmd.serializeType().code() << 24) | headerLength);
    }

    /**
     * Decodes one frame whose length prefix has already been stripped ({@code frame} holds exactly {@code L} bytes).
     *
     * @throws RemotingCommandException when the header-length word or the header is invalid
     */
    public static RemotingCommand decode(ByteBuf frame) throws RemotingCommandException {
        int length = frame.readableBytes();
        if (length < 4) {
            throw new RemotingCommandException("frame of " + length + " bytes has no header-length word");
        }
        int word = frame.readInt();
        SerializeType type = SerializeType.fromCode((byte) (word >>> 24));
        if (type == null) {
            throw new RemotingCommandException("unknown serialize type " + (word >>> 24));
        }
        int headerLength = word & MAX_HEADER_LENGTH;
        if (headerLength > frame.readableBytes()) {
            throw new RemotingCommandException("header length " + headerLength + " exceeds the frame ("
                    + frame.readableBytes() + " bytes left)");
        }
        RemotingCommand cmd = RemotingCommand.decoded().serializeType(type);
        ByteBuf header = frame.readSlice(headerLength);
        if (type == SerializeType.ROCKETMQ) {
            BinaryHeaderCodec.decode(header, cmd);
        } else {
            JsonHeaderReader.decode(header, cmd);
        }
        if (frame.isReadable()) {
            cmd.body(ByteBufUtil.getBytes(frame));
        }
        return cmd;
    }
}
