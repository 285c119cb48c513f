package io.apogee.client;

import io.apogee.common.message.MessageExt;
import java.util.List;

/** The answer of a key query ({@code queryMessage}): the messages found, as RocketMQ's {@code QueryResult}. */
public class QueryResult {

    private final long indexLastUpdateTimestamp;
    private final List<MessageExt> messageList;

    /**
     * @param indexLastUpdateTimestamp when the newest key index answering was last written (0 when none answered)
     * @param messageList              the messages found, at most the query's {@code maxNum}
     */
    public QueryResult(long indexLastUpdateTimestamp, List<MessageExt> messageList) {
        this.indexLastUpdateTimestamp = indexLastUpdateTimestamp;
        this.messageList = messageList;
    }

    public long getIndexLastUpdateTimestamp() {
        return indexLastUpdateTimestamp;
    }

    public List<MessageExt> getMessageList() {
        return messageList;
    }

    @Override
    public String toString() {
        return "QueryResult [indexLastUpdateTimestamp=" + indexLastUpdateTimestamp + ", messageList=" + messageList
                + "]";
    }
}
