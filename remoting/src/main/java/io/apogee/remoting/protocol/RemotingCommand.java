package io.apogee.remoting.protocol;

import io.apogee.common.protocol.LanguageCode;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request or response of the RocketMQ remoting protocol: the header fields, the extFields map (the "custom
 * header") and an opaque body. A command is built by one thread and then handed off; it is not thread-safe. As a
 * {@link Reply}, a response is a processor's answer that is ready now.
 */
public final class RemotingCommand implements Reply {

    /** The protocol version we announce: RocketMQ 4.9.8's {@code MQVersion} ordinal (servers gate features on it). */
    public static final int CURRENT_VERSION = 409;

    /** Bit 0 of {@code flag}: the command is a response (RocketMQ's {@code RPC_TYPE}). */
    private static final int RESPONSE_BIT = 1;
    /** Bit 1 of {@code flag}: the request expects no response (RocketMQ's {@code RPC_ONEWAY}). */
    private static final int ONEWAY_BIT = 1 << 1;
    private static final AtomicInteger NEXT_OPAQUE = new AtomicInteger();

    private int code;
    private LanguageCode language = LanguageCode.JAVA;
    private int version;
    private int opaque;
    private int flag;
    private String remark;
    private Map<String, String> extFields;
    private byte[] body;
    private List<ByteBuffer> bodySlices;
    private SerializeType serializeType = SerializeType.JSON;

    private RemotingCommand() {
    }

    /** A request with the next opaque, our version, and {@code header} mapped into extFields (if not null). */
    public static RemotingCommand request(int code, CommandCustomHeader header) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.code = code;
        cmd.version = CURRENT_VERSION;
        cmd.opaque = NEXT_OPAQUE.getAndIncrement();
        if (header != null) {
            cmd.extFields = new HashMap<>();
            HeaderMapper.toExtFields(header, cmd.extFields);
        }
        return cmd;
    }

    /** A response with {@code code} and {@code remark}; {@link #answering} ties it to its request. */
    public static RemotingCommand response(int code, String remark) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.code = code;
        cmd.remark = remark;
        cmd.version = CURRENT_VERSION;
        cmd.flag = RESPONSE_BIT;
        return cmd;
    }

    /** A successful response carrying {@code header} in its extFields. */
    public static RemotingCommand response(CommandCustomHeader header) {
        RemotingCommand cmd = response(ResponseCode.SUCCESS, null);
        cmd.extFields = new HashMap<>();
        if (header != null) {
            HeaderMapper.toExtFields(header, cmd.extFields);
        }
        return cmd;
    }

    /** An empty command for decoders to fill. */
    public static RemotingCommand decoded() {
        return new RemotingCommand();
    }

    /** Copies the request's opaque and serialization, so the response correlates and is written as it was asked. */
    public RemotingCommand answering(RemotingCommand request) {
        this.opaque = request.opaque;
        this.serializeType = request.serializeType;
        return this;
    }

    /** Decodes this command's extFields into a header of {@code type}. */
    public <T extends CommandCustomHeader> T decodeHeader(Class<T> type) throws RemotingCommandException {
        return HeaderMapper.fromExtFields(extFields, type);
    }

    public boolean isResponse() {
        return (flag & RESPONSE_BIT) != 0;
    }

    public boolean isOneway() {
        return (flag & ONEWAY_BIT) != 0;
    }

    /** Marks this command a response (the flag bit peers correlate on). */
    public RemotingCommand markResponse() {
        flag |= RESPONSE_BIT;
        return this;
    }

    /** Marks this request oneway: the peer will not answer it. */
    public RemotingCommand markOneway() {
        flag |= ONEWAY_BIT;
        return this;
    }

    public int code() {
        return code;
    }

    public RemotingCommand code(int code) {
        this.code = code;
        return this;
    }

    public LanguageCode language() {
        return language;
    }

    public RemotingCommand language(LanguageCode language) {
        this.language = language;
        return this;
    }

    public int version() {
        return version;
    }

    public RemotingCommand version(int version) {
        this.version = version;
        return this;
    }

    public int opaque() {
        return opaque;
    }

    public RemotingCommand opaque(int opaque) {
        this.opaque = opaque;
        return this;
    }

    public int flag() {
        return flag;
    }

    public RemotingCommand flag(int flag) {
        this.flag = flag;
        return this;
    }

    public String remark() {
        return remark;
    }

    public RemotingCommand remark(String remark) {
        this.remark = remark;
        return this;
    }

    /** The extFields map, or {@code null} when the command has none. */
    public Map<String, String> extFields() {
        return extFields;
    }

    public RemotingCommand extFields(Map<String, String> extFields) {
        this.extFields = extFields;
        return this;
    }

    /** Adds one extFields entry, creating the map if needed. */
    public RemotingCommand addExtField(String key, String value) {
        if (extFields == null) {
            extFields = new HashMap<>();
        }
        extFields.put(key, value);
        return this;
    }

    /** The body, or {@code null} when the command has none. */
    public byte[] body() {
        return body;
    }

    public RemotingCommand body(byte[] body) {
        this.body = body;
        return this;
    }

    /**
     * Sets an outbound body made of buffers written back to back without being copied first, such as read-only
     * slices of the mapped commit log in a pull response. Takes the place of {@link #body(byte[])}.
     */
    public RemotingCommand bodySlices(List<ByteBuffer> slices) {
        this.bodySlices = slices;
        this.body = null;
        return this;
    }

    /** The slices set by {@link #bodySlices(List)}, or {@code null}. */
    public List<ByteBuffer> bodySlices() {
        return bodySlices;
    }

    /** Bytes of body this command carries, in either form. */
    public int bodyLength() {
        if (body != null) {
            return body.length;
        }
        int total = 0;
        if (bodySlices != null) {
            for (ByteBuffer slice : bodySlices) {
                total += slice.remaining();
            }
        }
        return total;
    }

    public SerializeType serializeType() {
        return serializeType;
    }

    public RemotingCommand serializeType(SerializeType serializeType) {
        this.serializeType = serializeType;
        return this;
    }

    @Override
    public String toString() {
        return "RemotingCommand[code=" + code + ", language=" + language + ", version=" + version + ", opaque=" + opaque
                + ", flag=" + flag + ", remark=" + remark + ", extFields=" + extFields + ", serializeType="
                + serializeType + ", bodyLength=" + bodyLength() + "]";
    }
}
