package io.apogee.remoting.codec;

import io.apogee.common.protocol.LanguageCode;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The compact binary header form (serialize type 1, "ROCKETMQ"): fixed fields, then length-prefixed remark and
 * extFields entries. Every length read is checked against what is left, so a corrupt header fails cleanly.
 */
final class BinaryHeaderCodec {

    private BinaryHeaderCodec() {
    }

    static void encode(RemotingCommand cmd, ByteBuf out) {
        out.writeShort(cmd.code());
        out.writeByte(cmd.language().code());
        out.writeShort(cmd.version());
        out.writeInt(cmd.opaque());
        out.writeInt(cmd.flag());
        writeIntPrefixed(out, cmd.remark());
        Map<String, String> ext = cmd.extFields();
        if (ext == null || ext.isEmpty()) {
            out.writeInt(0);
            return;
        }
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        for (Map.Entry<String, String> e : ext.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            int keyAt = out.writerIndex();
            out.writeShort(0);
            int keyLength = ByteBufUtil.writeUtf8(out, e.getKey());
            out.setShort(keyAt, keyLength);
            writeIntPrefixed(out, e.getValue());
        }
        out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
    }

    static void decode(ByteBuf in, RemotingCommand cmd) throws RemotingCommandException {
        need(in, 2 + 1 + 2 + 4 + 4 + 4, "fixed fields");
        cmd.code(in.readShort());
        cmd.language(LanguageCode.fromCode(in.readByte()));
        cmd.version(in.readShort());
        cmd.opaque(in.readInt());
        cmd.flag(in.readInt());
        cmd.remark(readString(in, in.readInt(), "remark"));
        need(in, 4, "extFields length");
        int extLength = in.readInt();
        if (extLength < 0 || extLength > in.readableBytes()) {
            throw new RemotingCommandException("binary header: extFields length " + extLength + " exceeds the header");
        }
        if (extLength == 0) {
            return;
        }
        ByteBuf ext = in.readSlice(extLength);
        Map<String, String> fields = new HashMap<>();
        while (ext.isReadable()) {
            need(ext, 2, "extFields key length");
            String key = readString(ext, ext.readUnsignedShort(), "extFields key");
            need(ext, 4, "extFields value length");
            String value = readString(ext, ext.readInt(), "extFields value");
            if (key != null && value != null) {
                fields.put(key, value);
            }
        }
        cmd.extFields(fields);
    }

    private static void writeIntPrefixed(ByteBuf out, String s) {
        if (s == null) {
            out.writeInt(0);
            return;
        }
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        out.setInt(lengthAt, ByteBufUtil.writeUtf8(out, s));
    }

    private static String readString(ByteBuf in, int length, String what) throws RemotingCommandException {
        if (length < 0 || length > in.readableBytes()) {
            throw new RemotingCommandException("binary header: " + what + " length " + length + " exceeds the header");
        }
        if (length == 0) {
            return null;
        }
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    private static void need(ByteBuf in, int bytes, String what) throws RemotingCommandException {
        if (in.readableBytes() < bytes) {
            throw new RemotingCommandException("binary header: truncated " + what);
        }
    }
}
