package io.apogee.common.topic;

import java.util.Objects;

/**
 * A topic as a broker holds it (RocketMQ's {@code TopicConfig}, with its getters, setters, defaults and text form).
 * The broker never changes an instance it has handed out; it replaces it ({@link #withQueueNums} and friends), so a
 * config read from it can be kept without copying.
 */
public class TopicConfig {

    /** RocketMQ's default queue count per topic. */
    public static final int DEFAULT_QUEUE_NUMS = 16;
    private static final String SEPARATOR = " ";

    private String topicName;
    private int readQueueNums = DEFAULT_QUEUE_NUMS;
    private int writeQueueNums = DEFAULT_QUEUE_NUMS;
    private int perm = Permission.READ_WRITE;
    private TopicFilterType topicFilterType = TopicFilterType.SINGLE_TAG;
    private int topicSysFlag;
    private boolean order;

    /** A nameless topic with RocketMQ's defaults (16 read and write queues, read-write, single tag, unordered). */
    public TopicConfig() {
    }

    /** {@code topicName} with RocketMQ's defaults. */
    public TopicConfig(String topicName) {
        this.topicName = topicName;
    }

    public TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm) {
        this.topicName = topicName;
        this.readQueueNums = readQueueNums;
        this.writeQueueNums = writeQueueNums;
        this.perm = perm;
    }

    /**
     * Every field.
     *
     * @param perm            {@link Permission} bits
     * @param topicFilterType null means {@code SINGLE_TAG}, as in RocketMQ (a JSON without the field)
     * @param topicSysFlag    {@link TopicSysFlag} bits
     * @param order           whether the topic is ordered
     */
    public TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm,
            TopicFilterType topicFilterType, int topicSysFlag, boolean order) {
        this(topicName, readQueueNums, writeQueueNums, perm);
        setTopicFilterType(topicFilterType);
        this.topicSysFlag = topicSysFlag;
        this.order = order;
    }

    /** A topic with RocketMQ's defaults: 16 read and write queues, read-write, single tag, no flags, unordered. */
    public static TopicConfig withDefaults(String topicName) {
        return new TopicConfig(topicName);
    }

    /** A copy with other queue counts. */
    public TopicConfig withQueueNums(int read, int write) {
        return new TopicConfig(topicName, read, write, perm, topicFilterType, topicSysFlag, order);
    }

    /** RocketMQ's text form: name, read and write queue counts, perm and filter type, separated by spaces. */
    public String encode() {
        return topicName + SEPARATOR + readQueueNums + SEPARATOR + writeQueueNums + SEPARATOR + perm + SEPARATOR
                + topicFilterType;
    }

    /**
     * Reads {@link #encode()}'s form into this config, as RocketMQ's {@code decode}.
     *
     * @return false, changing nothing, when {@code in} does not have exactly the five fields
     * @throws IllegalArgumentException when a count, the perm or the filter type does not parse
     */
    public boolean decode(String in) {
        String[] f = in == null ? new String[0] : in.split(SEPARATOR);
        if (f.length != 5) {
            return false;
        }
        int read = Integer.parseInt(f[1]);
        int write = Integer.parseInt(f[2]);
        int newPerm = Integer.parseInt(f[3]);
        TopicFilterType type = TopicFilterType.valueOf(f[4]);
        topicName = f[0];
        readQueueNums = read;
        writeQueueNums = write;
        perm = newPerm;
        topicFilterType = type;
        return true;
    }

    public String getTopicName() {
        return topicName;
    }

    public void setTopicName(String topicName) {
        this.topicName = topicName;
    }

    public int getReadQueueNums() {
        return readQueueNums;
    }

    public void setReadQueueNums(int readQueueNums) {
        this.readQueueNums = readQueueNums;
    }

    public int getWriteQueueNums() {
        return writeQueueNums;
    }

    public void setWriteQueueNums(int writeQueueNums) {
        this.writeQueueNums = writeQueueNums;
    }

    /** {@link Permission} bits. */
    public int getPerm() {
        return perm;
    }

    public void setPerm(int perm) {
        this.perm = perm;
    }

    public TopicFilterType getTopicFilterType() {
        return topicFilterType;
    }

    /** {@code null} means {@code SINGLE_TAG}. */
    public void setTopicFilterType(TopicFilterType topicFilterType) {
        this.topicFilterType = topicFilterType == null ? TopicFilterType.SINGLE_TAG : topicFilterType;
    }

    /** {@link TopicSysFlag} bits. */
    public int getTopicSysFlag() {
        return topicSysFlag;
    }

    public void setTopicSysFlag(int topicSysFlag) {
        this.topicSysFlag = topicSysFlag;
    }

    public boolean isOrder() {
        return order;
    }

    public void setOrder(boolean order) {
        this.order = order;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicConfig t && readQueueNums == t.readQueueNums && writeQueueNums == t.writeQueueNums
                && perm == t.perm && topicSysFlag == t.topicSysFlag && order == t.order
                && Objects.equals(topicName, t.topicName) && topicFilterType == t.topicFilterType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicName, readQueueNums, writeQueueNums, perm, topicFilterType, topicSysFlag, order);
    }

    @Override
    public String toString() {
        return "TopicConfig [topicName=" + topicName + ", readQueueNums=" + readQueueNums + ", writeQueueNums="
                + writeQueueNums + ", perm=" + perm + ", topicFilterType=" + topicFilterType + ", topicSysFlag="
                + topicSysFlag + ", order=" + order + "]";
    }
}
