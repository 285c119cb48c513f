package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** SEND_MESSAGE* response: where the message was stored. */
public class SendMessageResponseHeader implements CommandCustomHeader {

    /** offset message id (comma-separated, one per message, for a batch) */
    @Required
    private String msgId;
    @Required
    private Integer queueId;
    @Required
    private Long queueOffset;
    private String transactionId;

    public String getMsgId() {
        return msgId;
    }

    public void setMsgId(String msgId) {
        this.msgId = msgId;
    }

    public Integer getQueueId() {
        return queueId;
    }

    public void setQueueId(Integer queueId) {
        this.queueId = queueId;
    }

    public Long getQueueOffset() {
        return queueOffset;
    }

    public void setQueueOffset(Long queueOffset) {
        this.queueOffset = queueOffset;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public void setTransactionId(String transactionId) {
        this.transactionId = transactionId;
    }
}
