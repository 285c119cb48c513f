package io.apogee.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The broker-side "offset message id": upper-case hex of store host IP (4 or 16 bytes), port (int32) and commit-log
 * offset (int64) — 32 hex characters for IPv4, 56 for IPv6 (message-format.md §4.1).
 *
 * @param storeHost        the storing broker's address, as clients reach it
 * @param commitLogOffset  the record's physical offset
 */
public record OffsetMessageId(InetSocketAddress storeHost, long commitLogOffset) {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Encodes an id from the raw IP bytes (4 or 16), port and offset. */
    public static String encode(byte[] ip, int port, long commitLogOffset) {
        StringBuilder id = new StringBuilder((ip.length + 12) * 2);
        HEX.formatHex(id, ip);
        for (int shift = 24; shift >= 0; shift -= 8) {
            HEX.toHexDigits(id, (byte) (port >>> shift));
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            HEX.toHexDigits(id, (byte) (commitLogOffset >>> shift));
        }
        return id.toString();
    }

    /** Encodes an id for {@code storeHost} and {@code commitLogOffset}. */
    public static String encode(InetSocketAddress storeHost, long commitLogOffset) {
        return encode(storeHost.getAddress().getAddress(), storeHost.getPort(), commitLogOffset);
    }

    /** This id's text. */
    public String encode() {
        return encode(storeHost, commitLogOffset);
    }

    /**
     * Decodes an id: 32 characters means an IPv4 host, anything else a 16-byte IPv6 host (as RocketMQ decides).
     *
     * @throws IllegalArgumentException when the text is not hex of the expected length
     */
    public static OffsetMessageId decode(String id) {
        int ipLength = id.length() == 32 ? 4 : 16;
        if (id.length() != (ipLength + 12) * 2) {
            throw new IllegalArgumentException("not an offset message id: " + id);
        }
        ByteBuffer buf = ByteBuffer.wrap(HEX.parseHex(id));
        byte[] ip = new byte[ipLength];
        buf.get(ip);
        int port = buf.getInt();
        long offset = buf.getLong();
        try {
            return new OffsetMessageId(new InetSocketAddress(InetAddress.getByAddress(ip), port), offset);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address in offset message id: " + id, e);
        }
    }
}
