package io.apogee.client.impl.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.route.BrokerData;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a consumer starts on a queue it takes over: its stored offset, else per {@link ConsumeFromWhere} the queue's
 * end, its start, or the offset at {@code consumeTimestamp} (retry topics start at 0 / at the end as RocketMQ does).
 */
public final class StartOffsets {

    /** Format of {@code consumeTimestamp}. */
    public static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Logger LOG = LoggerFactory.getLogger(StartOffsets.class);

    private StartOffsets() {
    }

    /** The offset to start {@code mq} from, or a negative value when it cannot be known now (retry later). */
    static long compute(MQClientInstance instance, OffsetStore store, ConsumeFromWhere where, String timestamp,
            MessageQueue mq) {
        long stored = store.readOffset(mq, ReadOffsetType.READ_FROM_STORE);
        if (stored >= 0 || stored == OffsetStore.READ_FAILED) {
            return stored;
        }
        boolean retryTopic = SystemTopics.isRetryTopic(mq.getTopic());
        String addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), BrokerData.MASTER_ID);
        if (addr == null) {
            return OffsetStore.READ_FAILED;
        }
        try {
            return switch (where) {
                case CONSUME_FROM_FIRST_OFFSET -> 0;
                case CONSUME_FROM_TIMESTAMP -> retryTopic ? instance.offsetApi().getMaxOffset(addr, mq)
                        : instance.offsetApi().searchOffset(addr, mq, epochMillis(timestamp));
                default -> retryTopic ? 0 : instance.offsetApi().getMaxOffset(addr, mq);
            };
        } catch (RemotingException | MQBrokerException e) {
            LOG.warn("start offset of {} not found at {}: {}", mq, addr, e.getMessage());
            return OffsetStore.READ_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OffsetStore.READ_FAILED;
        }
    }

    private static long epochMillis(String timestamp) {
        return LocalDateTime.parse(timestamp, TIMESTAMP_FORMAT).atZone(ZoneId.systemDefault()).toInstant()
                .toEpochMilli();
    }
}
