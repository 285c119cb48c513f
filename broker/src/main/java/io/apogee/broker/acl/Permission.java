package io.apogee.broker.acl;

/**
 * RocketMQ 4.9's ACL permission bits and their names in plain_acl.yml: {@code DENY}, {@code PUB}, {@code SUB},
 * {@code PUB|SUB} (or {@code SUB|PUB}). Names are case-sensitive, as RocketMQ reads them; anything else denies.
 */
public final class Permission {

    public static final byte DENY = 1;
    /** Needed when either PUB or SUB will do. */
    public static final byte ANY = 2;
    public static final byte PUB = 4;
    public static final byte SUB = 8;

    private Permission() {
    }

    /** The bits a name stands for; {@code null} and unknown names deny, as RocketMQ's parser does. */
    public static byte parse(String name) {
        if (name == null) {
            return DENY;
        }
        return switch (name.trim()) {
            case "PUB" -> PUB;
            case "SUB" -> SUB;
            case "PUB|SUB", "SUB|PUB" -> PUB | SUB;
            default -> DENY;
        };
    }

    /** Whether {@code name} is one of the names {@link #parse} knows. */
    public static boolean isName(String name) {
        return name != null && (parse(name) != DENY || "DENY".equals(name.trim()));
    }

    /** Whether {@code owned} grants {@code needed}: never when DENY is set; ANY needs PUB or SUB. */
    public static boolean allows(byte needed, byte owned) {
        if ((owned & DENY) != 0) {
            return false;
        }
        if ((needed & ANY) != 0) {
            return (owned & (PUB | SUB)) != 0;
        }
        return (needed & owned) != 0;
    }

    /** The name of {@code needed} in a refusal: PUB, SUB or PUB|SUB. */
    public static String describe(byte needed) {
        if ((needed & (PUB | SUB)) == (PUB | SUB) || (needed & ANY) != 0) {
            return "PUB|SUB";
        }
        return (needed & PUB) != 0 ? "PUB" : "SUB";
    }
}
