package io.apogee.remoting.protocol;

/** How a frame's header is serialized: the high byte of the header-length word. */
public enum SerializeType {
    JSON((byte) 0), ROCKETMQ((byte) 1);

    private final byte code;

    SerializeType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** The type for a header-length word's high byte, or {@code null} when it names no known type. */
    public static SerializeType fromCode(byte code) {
        return switch (code) {
            case 0 -> JSON;
            case 1 -> ROCKETMQ;
            default -> null;
        };
    }
}
