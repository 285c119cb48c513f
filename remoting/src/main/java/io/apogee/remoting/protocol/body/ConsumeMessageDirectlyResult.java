package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;

/** CONSUME_MESSAGE_DIRECTLY (309) reply body: how a consumer handled one message on request. */
public class ConsumeMessageDirectlyResult {

    private boolean order;
    private boolean autoCommit = true;
    private CMResult consumeResult;
    private String remark;
    private long spentTimeMills;

    /** Parses a body written by Apache RocketMQ or by us. */
    public static ConsumeMessageDirectlyResult decode(byte[] body) {
        return JSON.parseObject(body, ConsumeMessageDirectlyResult.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public boolean isOrder() {
        return order;
    }

    public void setOrder(boolean order) {
        this.order = order;
    }

    public boolean isAutoCommit() {
        return autoCommit;
    }

    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    public CMResult getConsumeResult() {
        return consumeResult;
    }

    public void setConsumeResult(CMResult consumeResult) {
        this.consumeResult = consumeResult;
    }

    public String getRemark() {
        return remark;
    }

    public void setRemark(String remark) {
        this.remark = remark;
    }

    public long getSpentTimeMills() {
        return spentTimeMills;
    }

    public void setSpentTimeMills(long spentTimeMills) {
        this.spentTimeMills = spentTimeMills;
    }
}
