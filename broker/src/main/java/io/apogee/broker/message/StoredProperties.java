package io.apogee.broker.message;

import static io.apogee.common.message.MessageProperty.NAME_VALUE_SEPARATOR;
import static io.apogee.common.message.MessageProperty.PROPERTY_SEPARATOR;

import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;

/**
 * The properties string the broker stores for a sent message, built on the sent text in one pass (no map, nothing
 * decoded and re-encoded), as message-format.md §3 and §6 describe: a single message's {@code WAIT} is dropped (a
 * send-time instruction) and this broker's {@code CLUSTER} appended; a batch entry keeps its own text and gets the
 * batch-level properties and {@code CLUSTER} appended, even if that repeats a name.
 */
public final class StoredProperties {

    private static final String WAIT_PREFIX = MessageProperty.WAIT_STORE_MSG_OK + NAME_VALUE_SEPARATOR;
    private static final String CLUSTER_PREFIX = MessageProperty.CLUSTER + NAME_VALUE_SEPARATOR;

    private StoredProperties() {
    }

    /**
     * What a single message stores: the sent properties in their order, without {@code WAIT}, any {@code CLUSTER}
     * the sender put there or empty entries, then {@code CLUSTER=cluster}.
     */
    public static String ofSingle(String sent, String cluster) {
        StringBuilder out = new StringBuilder(sent.length() + CLUSTER_PREFIX.length() + cluster.length() + 1);
        int start = 0;
        while (start < sent.length()) {
            int end = sent.indexOf(PROPERTY_SEPARATOR, start);
            end = end < 0 ? sent.length() : end;
            boolean dropped = sent.startsWith(WAIT_PREFIX, start) || sent.startsWith(CLUSTER_PREFIX, start);
            if (!dropped && end > start) {
                out.append(sent, start, end).append(PROPERTY_SEPARATOR);
            }
            start = end + 1;
        }
        return out.append(CLUSTER_PREFIX).append(cluster).toString();
    }

    /** Whether the sender asked to wait for the flush: without a {@code WAIT} property, or with {@code WAIT=true}. */
    public static boolean waitStoreMsgOk(String sent) {
        String wait = PropertiesCodec.find(sent, MessageProperty.WAIT_STORE_MSG_OK);
        return wait == null || Boolean.parseBoolean(wait);
    }

    /**
     * What one entry of a batch stores: the entry's properties as sent, a separator unless they are empty or end
     * with one, the batch-level properties (the request header's) if any, then {@code CLUSTER=cluster}.
     */
    public static String ofBatchEntry(String entry, String batch, String cluster) {
        StringBuilder out = new StringBuilder(entry.length() + batch.length() + CLUSTER_PREFIX.length()
                + cluster.length() + 2);
        out.append(entry);
        if (!entry.isEmpty() && entry.charAt(entry.length() - 1) != PROPERTY_SEPARATOR) {
            out.append(PROPERTY_SEPARATOR);
        }
        if (!batch.isEmpty()) {
            out.append(batch).append(PROPERTY_SEPARATOR);
        }
        return out.append(CLUSTER_PREFIX).append(cluster).toString();
    }
}
