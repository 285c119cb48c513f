package io.apogee.client.producer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;

/**
 * Client-side unique message ids ({@code UNIQ_KEY}, message-format.md §4.2): IPv4 address, pid (2 bytes), class
 * loader hash, milliseconds since the start of the month, and a 2-byte counter, as 32 upper-case hex characters.
 */
final class UniqueIdGenerator {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String FIXED_PREFIX = fixedPrefix();
    private static short counter;
    private static long monthStart;
    private static long nextMonthStart;

    private UniqueIdGenerator() {
    }

    /** A fresh id. */
    static synchronized String next() {
        long now = System.currentTimeMillis();
        if (now >= nextMonthStart) {
            LocalDate first = LocalDate.now().withDayOfMonth(1);
            ZoneId zone = ZoneId.systemDefault();
            monthStart = first.atStartOfDay(zone).toInstant().toEpochMilli();
            nextMonthStart = first.plusMonths(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        ByteBuffer tail = ByteBuffer.allocate(6);
        tail.putInt((int) (now - monthStart));
        tail.putShort(counter++);
        return FIXED_PREFIX + HEX.formatHex(tail.array());
    }

    private static String fixedPrefix() {
        byte[] ip = addressBytes();
        ByteBuffer fixed = ByteBuffer.allocate(10);
        fixed.put(ip, 0, 4);
        fixed.putShort((short) ProcessHandle.current().pid());
        fixed.putInt(UniqueIdGenerator.class.getClassLoader().hashCode());
        return HEX.formatHex(fixed.array());
    }

    private static byte[] addressBytes() {
        try {
            byte[] address = InetAddress.getLocalHost().getAddress();
            return address.length == 4 ? address : InetAddress.getLoopbackAddress().getAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getAddress();
        }
    }
}
