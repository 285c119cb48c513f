package io.apogee.common.route;

/**
 * The queues one broker name (its master) holds for a topic: clients publish to queue ids
 * {@code 0..writeQueueNums-1} when {@code perm} is writable and subscribe to {@code 0..readQueueNums-1} when it is
 * readable.
 */
public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {

    /** This queue data with another permission. */
    public QueueData withPerm(int newPerm) {
        return new QueueData(brokerName, readQueueNums, writeQueueNums, newPerm, topicSysFlag);
    }
}
