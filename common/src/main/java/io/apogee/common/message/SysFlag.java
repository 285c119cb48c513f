package io.apogee.common.message;

/** Bits of a stored message's SYSFLAG field (message-format.md §2). */
public final class SysFlag {

    public static final int COMPRESSED = 0x1;
    public static final int MULTI_TAGS = 0x2;
    /** Mask of the two transaction-type bits. */
    public static final int TRANSACTION_TYPE_MASK = 0xC;
    public static final int TRANSACTION_NOT_TYPE = 0;
    public static final int TRANSACTION_PREPARED_TYPE = 0x4;
    public static final int TRANSACTION_COMMIT_TYPE = 0x8;
    public static final int TRANSACTION_ROLLBACK_TYPE = 0xC;
    /** The born host is a 16-byte IPv6 address. */
    public static final int BORNHOST_V6 = 0x10;
    /** The store host is a 16-byte IPv6 address. */
    public static final int STOREHOST_V6 = 0x20;
    public static final int NEED_UNWRAP = 0x40;
    public static final int INNER_BATCH = 0x80;
    /** Mask of the compression-type bits (new in 4.9.8; type 0 is read as ZLIB). */
    public static final int COMPRESSION_TYPE_MASK = 0x700;
    /** Compression type LZ4, in the {@link #COMPRESSION_TYPE_MASK} bits. */
    public static final int COMPRESSION_LZ4_TYPE = 0x100;
    /** Compression type ZSTD, in the {@link #COMPRESSION_TYPE_MASK} bits. */
    public static final int COMPRESSION_ZSTD_TYPE = 0x200;
    /** Compression type ZLIB, in the {@link #COMPRESSION_TYPE_MASK} bits (what 4.9.8 producers send by default). */
    public static final int COMPRESSION_ZLIB_TYPE = 0x300;

    private SysFlag() {
    }

    /** The transaction type bits of {@code sysFlag}. */
    public static int transactionType(int sysFlag) {
        return sysFlag & TRANSACTION_TYPE_MASK;
    }

    /** {@code sysFlag} with its transaction type replaced by {@code type}. */
    public static int withTransactionType(int sysFlag, int type) {
        return (sysFlag & ~TRANSACTION_TYPE_MASK) | type;
    }

    /** Encoded length of the born host (IPv4 4 + 4 or IPv6 16 + 4 bytes). */
    public static int bornHostLength(int sysFlag) {
        return (sysFlag & BORNHOST_V6) == 0 ? 8 : 20;
    }

    /** Encoded length of the store host (IPv4 4 + 4 or IPv6 16 + 4 bytes). */
    public static int storeHostLength(int sysFlag) {
        return (sysFlag & STOREHOST_V6) == 0 ? 8 : 20;
    }
}
