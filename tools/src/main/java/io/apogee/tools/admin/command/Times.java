package io.apogee.tools.admin.command;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;

/** Timestamps as mqadmin prints and reads them ({@code yyyy-MM-dd#HH:mm:ss:SSS} or epoch milliseconds). */
final class Times {

    private static final String PATTERN = "yyyy-MM-dd#HH:mm:ss:SSS";

    private Times() {
    }

    static String format(long millis) {
        return new SimpleDateFormat(PATTERN).format(new Date(millis));
    }

    /** Parses {@code now}, epoch milliseconds or {@code yyyy-MM-dd#HH:mm:ss:SSS}. */
    static long parse(String text) {
        if (text.equalsIgnoreCase("now")) {
            return System.currentTimeMillis();
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notMillis) {
            try {
                return new SimpleDateFormat(PATTERN).parse(text).getTime();
            } catch (ParseException e) {
                throw new IllegalArgumentException("timestamp must be 'now', milliseconds or " + PATTERN + ": "
                        + text);
            }
        }
    }
}
