package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/** CHECK_TRANSACTION_STATE (39), broker to producer, oneway. */
public class CheckTransactionStateRequestHeader extends RpcRequestHeader {

    @Required
    private Long tranStateTableOffset;
    @Required
    private Long commitLogOffset;
    private String msgId;
    private String transactionId;
    private String offsetMsgId;

    public Long getTranStateTableOffset() {
        return tranStateTableOffset;
    }

    public void setTranStateTableOffset(Long tranStateTableOffset) {
        this.tranStateTableOffset = tranStateTableOffset;
    }

    public Long getCommitLogOffset() {
        return commitLogOffset;
    }

    public void setCommitLogOffset(Long commitLogOffset) {
        this.commitLogOffset = commitLogOffset;
    }

    public String getMsgId() {
        return msgId;
    }

    public void setMsgId(String msgId) {
        this.msgId = msgId;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public void setTransactionId(String transactionId) {
        this.transactionId = transactionId;
    }

    public String getOffsetMsgId() {
        return offsetMsgId;
    }

    public void setOffsetMsgId(String offsetMsgId) {
        this.offsetMsgId = offsetMsgId;
    }
}
