package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consistent hashing: each consumer owns {@code virtualNodeCnt} points on a ring, and a queue goes to the consumer
 * of the first point at or after the queue's hash, so a consumer joining or leaving moves only the queues next to
 * its points. Keys and the default hash are RocketMQ 4.9's, so a group mixing its consumers and ours agrees on who
 * owns what: point {@code "<clientId>-<i>"}, queue {@code "MessageQueue [topic=T, brokerName=B, queueId=N]"}, hash
 * the first four bytes of the key's MD5 digest as an unsigned big-endian number; a later point with an equal hash
 * replaces an earlier one.
 */
public class AllocateMessageQueueConsistentHash extends AbstractAllocateMessageQueueStrategy {

    /** RocketMQ's default number of points per consumer. */
    public static final int DEFAULT_VIRTUAL_NODE_COUNT = 10;

    private final int virtualNodeCnt;
    private final HashFunction customHashFunction;

    public AllocateMessageQueueConsistentHash() {
        this(DEFAULT_VIRTUAL_NODE_COUNT);
    }

    /** @throws IllegalArgumentException when {@code virtualNodeCnt} is negative */
    public AllocateMessageQueueConsistentHash(int virtualNodeCnt) {
        this(virtualNodeCnt, null, false);
    }

    /** @throws IllegalArgumentException when {@code virtualNodeCnt} is negative or the function null */
    public AllocateMessageQueueConsistentHash(int virtualNodeCnt, HashFunction customHashFunction) {
        this(virtualNodeCnt, customHashFunction, true);
    }

    private AllocateMessageQueueConsistentHash(int virtualNodeCnt, HashFunction hashFunction, boolean custom) {
        if (virtualNodeCnt < 0) {
            throw new IllegalArgumentException("illegal virtualNodeCnt :" + virtualNodeCnt);
        }
        if (custom && hashFunction == null) {
            throw new IllegalArgumentException("hashFunction cannot be null");
        }
        this.virtualNodeCnt = virtualNodeCnt;
        this.customHashFunction = hashFunction;
    }

    @Override
    protected List<MessageQueue> allocateChecked(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        List<MessageQueue> mine = new ArrayList<>();
        HashFunction hash = customHashFunction != null ? customHashFunction : new Md5Hash();
        TreeMap<Long, String> ring = new TreeMap<>();
        for (String cid : cidAll) {
            for (int i = 0; i < virtualNodeCnt; i++) {
                ring.put(hash.hash(cid + "-" + i), cid);
            }
        }
        if (ring.isEmpty()) {
            return mine;
        }
        for (MessageQueue mq : mqAll) {
            Map.Entry<Long, String> point = ring.ceilingEntry(hash.hash(key(mq)));
            String owner = point != null ? point.getValue() : ring.firstEntry().getValue();
            if (currentCID.equals(owner)) {
                mine.add(mq);
            }
        }
        return mine;
    }

    /** A queue's key on the ring: RocketMQ's {@code MessageQueue.toString()}. */
    static String key(MessageQueue mq) {
        return "MessageQueue [topic=" + mq.getTopic() + ", brokerName=" + mq.getBrokerName() + ", queueId="
                + mq.getQueueId() + "]";
    }

    @Override
    public String getName() {
        return "CONSISTENT_HASH";
    }

    /** The first four bytes of the MD5 digest of the key's UTF-8 bytes, big-endian, as a non-negative long. */
    static final class Md5Hash implements HashFunction {

        private final MessageDigest md5;

        Md5Hash() {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides MD5", e);
            }
        }

        @Override
        public long hash(String key) {
            byte[] digest = md5.digest(key.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 4; i++) {
                h = (h << 8) | (digest[i] & 0xFF);
            }
            return h;
        }
    }
}
