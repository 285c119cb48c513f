package io.apogee.common.message;

import io.apogee.common.topic.TopicFilterType;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

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
    /** The broker group a consumer pulled this message from; not stored. */
    private String brokerName;
    /** A message id set by the app ({@link #setMsgId}); {@code null}: computed. */
    private String msgId;

    public MessageExt() {
    }

    /** RocketMQ's constructor: where and when the message was born and stored, and its id. */
    public MessageExt(int queueId, long bornTimestamp, SocketAddress bornHost, long storeTimestamp,
            SocketAddress storeHost, String msgId) {
        this.queueId = queueId;
        this.bornTimestamp = bornTimestamp;
        setBornHost(bornHost);
        this.storeTimestamp = storeTimestamp;
        setStoreHost(storeHost);
        this.msgId = msgId;
    }

    /** {@code MULTI_TAG} when {@code sysFlag} says the tags are several, else {@code SINGLE_TAG}, as RocketMQ's. */
    public static TopicFilterType parseTopicFilterType(int sysFlag) {
        return (sysFlag & SysFlag.MULTI_TAGS) == SysFlag.MULTI_TAGS ? TopicFilterType.MULTI_TAG
                : TopicFilterType.SINGLE_TAG;
    }

    /**
     * Puts {@code address}'s IP (4 or 16 bytes) and port (4 bytes) into {@code buffer}, flips it and returns it: the
     * host layout of a stored message.
     */
    public static ByteBuffer socketAddress2ByteBuffer(SocketAddress address, ByteBuffer buffer) {
        InetSocketAddress inet = (InetSocketAddress) address;
        buffer.put(inet.getAddress().getAddress());
        buffer.putInt(inet.getPort());
        buffer.flip();
        return buffer;
    }

    /** {@link #socketAddress2ByteBuffer(SocketAddress, ByteBuffer)} into a new buffer of 8 or 20 bytes. */
    public static ByteBuffer socketAddress2ByteBuffer(SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        int size = (inet.getAddress() instanceof Inet6Address ? 16 : 4) + 4;
        return socketAddress2ByteBuffer(address, ByteBuffer.allocate(size));
    }

    public ByteBuffer getBornHostBytes() {
        return socketAddress2ByteBuffer(bornHost);
    }

    public ByteBuffer getBornHostBytes(ByteBuffer buffer) {
        return socketAddress2ByteBuffer(bornHost, buffer);
    }

    public ByteBuffer getStoreHostBytes() {
        return socketAddress2ByteBuffer(storeHost);
    }

    public ByteBuffer getStoreHostBytes(ByteBuffer buffer) {
        return socketAddress2ByteBuffer(storeHost, buffer);
    }

    /** The broker group this message was pulled from (set by the consumer), or null. */
    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    /** The born host's IP as text, or null. */
    public String getBornHostString() {
        return bornHost == null || bornHost.getAddress() == null ? null : bornHost.getAddress().getHostAddress();
    }

    /** The born host's name (a reverse look-up when it has none), or null. */
    public String getBornHostNameString() {
        return bornHost == null || bornHost.getAddress() == null ? null : bornHost.getAddress().getHostName();
    }

    /** Marks the store host as IPv6 in the sysFlag. */
    public void setStoreHostAddressV6Flag() {
        sysFlag |= SysFlag.STOREHOST_V6;
    }

    /** Marks the born host as IPv6 in the sysFlag. */
    public void setBornHostV6Flag() {
        sysFlag |= SysFlag.BORNHOST_V6;
    }

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

    /**
     * Sets the born host and the matching IPv6 bit of the sysFlag.
     *
     * @throws ClassCastException when {@code bornHost} is not an {@link InetSocketAddress}, as in RocketMQ
     */
    public void setBornHost(SocketAddress bornHost) {
        this.bornHost = (InetSocketAddress) bornHost;
        sysFlag = ipv6(this.bornHost) ? sysFlag | SysFlag.BORNHOST_V6 : sysFlag & ~SysFlag.BORNHOST_V6;
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

    /**
     * Sets the store host and the matching IPv6 bit of the sysFlag.
     *
     * @throws ClassCastException when {@code storeHost} is not an {@link InetSocketAddress}, as in RocketMQ
     */
    public void setStoreHost(SocketAddress storeHost) {
        this.storeHost = (InetSocketAddress) storeHost;
        sysFlag = ipv6(this.storeHost) ? sysFlag | SysFlag.STOREHOST_V6 : sysFlag & ~SysFlag.STOREHOST_V6;
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
    public int getBodyCRC() {
        return bodyCrc;
    }

    public void setBodyCRC(int bodyCrc) {
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

    /**
     * What users see as the message id: the one {@link #setMsgId} gave, else {@code UNIQ_KEY} when present, else
     * the offset message id.
     */
    public String getMsgId() {
        if (msgId != null) {
            return msgId;
        }
        String uniq = getUniqueKey();
        return uniq != null ? uniq : getOffsetMsgId();
    }

    public void setMsgId(String msgId) {
        this.msgId = msgId;
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
