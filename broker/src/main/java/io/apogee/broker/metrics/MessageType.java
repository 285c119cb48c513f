package io.apogee.broker.metrics;

import io.apogee.broker.transaction.TransactionalMessageService;
import io.apogee.common.message.MessageExt;
import java.util.Locale;

/** RocketMQ 5's {@code message_type} label of a sent message. */
public enum MessageType {
    /** Neither of the others. */
    NORMAL,
    /** Sent to a topic created with {@code order=true} (4.9 clients mark ordered messages no other way). */
    FIFO,
    /** With a delay level. */
    DELAY,
    /** A transaction's half message. */
    TRANSACTION;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The label value: {@code normal}, {@code fifo}, {@code delay} or {@code transaction}. */
    public String label() {
        return label;
    }

    /** The type of {@code m}, a single message sent to a topic of type {@code topicType}, before it is parked. */
    public static MessageType of(MessageExt m, MessageType topicType) {
        if (TransactionalMessageService.isPrepared(m)) {
            return TRANSACTION;
        }
        return m.getDelayTimeLevel() > 0 ? DELAY : topicType;
    }
}
