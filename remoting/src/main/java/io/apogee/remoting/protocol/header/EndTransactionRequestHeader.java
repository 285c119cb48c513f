package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/** END_TRANSACTION (37) request, sent oneway by producers. */
public class EndTransactionRequestHeader extends RpcRequestHeader {

    @Required
    private String producerGroup;
    /** half message's queue offset */
    @Required
    private Long tranStateTableOffset;
    /** half message's commit-log offset */
    @Required
    private Long commitLogOffset;
    /** sysFlag transaction type: 0 unknown, 8 commit, 12 rollback */
    @Required
    private Integer commitOrRollback;
    private Boolean fromTransactionCheck;
    @Required
    private String msgId;
    private String transactionId;

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

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

    public Integer getCommitOrRollback() {
        return commitOrRollback;
    }

    public void setCommitOrRollback(Integer commitOrRollback) {
        this.commitOrRollback = commitOrRollback;
    }

    public Boolean getFromTransactionCheck() {
        return fromTransactionCheck;
    }

    public void setFromTransactionCheck(Boolean fromTransactionCheck) {
        this.fromTransactionCheck = fromTransactionCheck;
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
}
