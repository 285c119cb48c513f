package io.apogee.common.topic;

/** Bits of a topic's or queue's {@code perm} (RocketMQ's {@code PermName}). */
public final class Permission {

    /** Preferred for ordered messages. */
    public static final int PRIORITY = 8;
    public static final int READ = 4;
    public static final int WRITE = 2;
    /** The topic inherits the broker's permission. */
    public static final int INHERIT = 1;
    public static final int READ_WRITE = READ | WRITE;

    private Permission() {
    }

    public static boolean isReadable(int perm) {
        return (perm & READ) == READ;
    }

    public static boolean isWriteable(int perm) {
        return (perm & WRITE) == WRITE;
    }
}
