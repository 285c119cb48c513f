package io.apogee.client.admin;

import java.util.List;

/**
 * Some entries of one consume queue with the queue's bounds (QUERY_CONSUME_QUEUE, {@code mqadmin queryCq}).
 *
 * @param subscription the asked group's subscription expression to the topic, {@code null} when none was asked or
 *                     it is not online
 * @param filterData   the broker's remark on the filter, {@code null} when none
 */
public record ConsumeQueueView(long minIndex, long maxIndex, String subscription, String filterData,
        List<Entry> entries) {

    /**
     * One entry: where its message is in the commit log, and its tag hash.
     *
     * @param eval whether the asked group's subscription matches the entry
     */
    public record Entry(long physicOffset, int physicSize, long tagsCode, boolean eval) {
    }
}
