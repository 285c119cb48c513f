package io.apogee.remoting.protocol.body;

/**
 * One consume-queue entry in {@link QueryConsumeQueueResponseBody}. RocketMQ's {@code extendDataJson}, {@code bitMap}
 * and {@code msg} describe its consume-queue extension, which Apogee does not keep: they are always absent.
 */
public class ConsumeQueueData {

    /** the message's commit-log offset */
    private long physicOffset;
    private int physicSize;
    /** the tag hash, or a delay-level topic's delivery time */
    private long tagsCode;
    /** whether the asked group's subscription matches the entry's tag code */
    private boolean eval;

    public long getPhysicOffset() {
        return physicOffset;
    }

    public void setPhysicOffset(long physicOffset) {
        this.physicOffset = physicOffset;
    }

    public int getPhysicSize() {
        return physicSize;
    }

    public void setPhysicSize(int physicSize) {
        this.physicSize = physicSize;
    }

    public long getTagsCode() {
        return tagsCode;
    }

    public void setTagsCode(long tagsCode) {
        this.tagsCode = tagsCode;
    }

    public boolean isEval() {
        return eval;
    }

    public void setEval(boolean eval) {
        this.eval = eval;
    }
}
