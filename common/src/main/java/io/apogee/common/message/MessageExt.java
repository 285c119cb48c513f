package io.apogee.common.message;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * A message with the fields the broker adds when it stores it: what a pull, a query or a look-up by id decodes, what
 * listeners receive, and what the broker hands the store to append. RocketMQ's class of this name, so a listener
 * written for RocketMQ compiles with a changed import.
 *
 * <p>The properties are one thing (see {@link Message}): the broker gives a message the exact string to store with
 * {@link #setPropertiesString} (built on the sent text, so nothing is decoded and re-encoded on the way, and a
 * batch's appended properties may repeat a name), and it is stored as given unless someone changes a property,
 * which makes the map the properties from then on.
 *
 * <p>Whether an append waits for the flush is a send-time instruction, not a stored property: the broker removes
 * {@code WAIT} from what it stores, and its own re-puts never wait. {@link #setAppendWaitsForFlush} sets it for the
 * append, leaving the properties as stored; without it the {@code WAIT} property decides.
 */
public class MessageExt extends Message {

    private int queueId;
    private long queueOffset;
    private long commitLogOffset;
    private int sysFlag;
    private long bornTimestamp;
    private InetSocketAddress bornHost;
    private long storeTimestamp;
    private InetSocketAddress storeHost;
    private int reconsumeTimes;
    private long preparedTransactionOffset;
    private int bodyCrc;
    private int storeSize;
    /** The append's wait instruction; {@code null} leaves it to the WAIT property. */
    private Boolean waitStoreMsgOk;

    public int getQueueId() {
        return queueId;
    }

    public void setQueueId(int queueId) {
        this.queueId = queueId;
    }

    public long getQueueOffset() {
        return queueOffset;
    }

    public void setQueueOffset(long queueOffset) {
        this.queueOffset = queueOffset;
    }

    public long getCommitLogOffset() {
        return commitLogOffset;
    }

    public void setCommitLogOffset(long commitLogOffset) {
        this.commitLogOffset = commitLogOffset;
    }

    public int getSysFlag() {
        return sysFlag;
    }

    public void setSysFlag(int sysFlag) {
        this.sysFlag = sysFlag;
    }

    public long getBornTimestamp() {
        return bornTimestamp;
    }

    public void setBornTimestamp(long bornTimestamp) {
        this.bornTimestamp = bornTimestamp;
    }

    public InetSocketAddress getBornHost() {
        return bornHost;
    }

    /** Sets the born host and the matching IPv6 bit of the sysFlag. */
    public void setBornHost(InetSocketAddress bornHost) {
        this.bornHost = bornHost;
        sysFlag = ipv6(bornHost) ? sysFlag | SysFlag.BORNHOST_V6 : sysFlag & ~SysFlag.BORNHOST_V6;
    }

    public long getStoreTimestamp() {
        return storeTimestamp;
    }

    public void setStoreTimestamp(long storeTimestamp) {
        this.storeTimestamp = storeTimestamp;
    }

    public InetSocketAddress getStoreHost() {
        return storeHost;
    }

    /** Sets the store host and the matching IPv6 bit of the sysFlag. */
    public void setStoreHost(InetSocketAddress storeHost) {
        this.storeHost = storeHost;
        sysFlag = ipv6(storeHost) ? sysFlag | SysFlag.STOREHOST_V6 : sysFlag & ~SysFlag.STOREHOST_V6;
    }

    public int getReconsumeTimes() {
        return reconsumeTimes;
    }

    public void setReconsumeTimes(int reconsumeTimes) {
        this.reconsumeTimes = reconsumeTimes;
    }

    public long getPreparedTransactionOffset() {
        return preparedTransactionOffset;
    }

    public void setPreparedTransactionOffset(long preparedTransactionOffset) {
        this.preparedTransactionOffset = preparedTransactionOffset;
    }

    /** {@code CRC32(body) & 0x7FFFFFFF} as stored. */
    public int getBodyCrc() {
        return bodyCrc;
    }

    public void setBodyCrc(int bodyCrc) {
        this.bodyCrc = bodyCrc;
    }

    /** The record's TOTALSIZE once stored or decoded. */
    public int getStoreSize() {
        return storeSize;
    }

    public void setStoreSize(int storeSize) {
        this.storeSize = storeSize;
    }

    /** The properties string as stored: the one given to {@link #setPropertiesString}, or the map encoded. */
    public String getPropertiesString() {
        return encodedProperties();
    }

    /** Replaces the properties by their exact stored string (see the class comment); {@code null} means none. */
    public void setPropertiesString(String propertiesString) {
        encodedProperties(propertiesString);
    }

    /** Whether appending this message waits for the flush: as set for the append, else the WAIT property. */
    @Override
    public boolean isWaitStoreMsgOK() {
        return waitStoreMsgOk != null ? waitStoreMsgOk : super.isWaitStoreMsgOK();
    }

    /**
     * Sets whether appending this message waits for the flush, whatever its WAIT property says, without touching
     * the properties (unlike {@link #setWaitStoreMsgOK}, which writes {@code WAIT}).
     */
    public void setAppendWaitsForFlush(boolean waitStoreMsgOk) {
        this.waitStoreMsgOk = waitStoreMsgOk;
    }

    /** The offset message id computed from the store host and commit-log offset. */
    public String getOffsetMsgId() {
        return OffsetMessageId.encode(storeHost, commitLogOffset);
    }

    /** What users see as the message id: {@code UNIQ_KEY} when present, else the offset message id. */
    public String getMsgId() {
        String uniq = getUniqueKey();
        return uniq != null ? uniq : getOffsetMsgId();
    }

    private static boolean ipv6(InetSocketAddress address) {
        return address != null && address.getAddress() instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return "MessageExt[topic=" + getTopic() + ", queueId=" + queueId + ", queueOffset=" + queueOffset
                + ", commitLogOffset=" + commitLogOffset + ", storeSize=" + storeSize + ", sysFlag=" + sysFlag
                + ", properties=" + propertiesView() + "]";
    }
}
