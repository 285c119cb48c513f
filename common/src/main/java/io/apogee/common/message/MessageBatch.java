package io.apogee.common.message;

import io.apogee.common.topic.SystemTopics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Messages of one topic sent as one SEND_BATCH_MESSAGE (RocketMQ's class of this name). A producer's
 * {@code send(Collection<Message>)} builds one itself; an app may build one with {@link #generateFromList}, set its
 * body to {@link #encode()} (as RocketMQ requires) and {@code send} it as a message.
 */
public class MessageBatch extends Message implements Iterable<Message> {

    private final List<Message> messages;

    private MessageBatch(List<Message> messages) {
        this.messages = messages;
    }

    /**
     * A batch of {@code messages}, with RocketMQ's checks.
     *
     * @throws UnsupportedOperationException when a message has a delay level or a retry topic, or the topics or
     *                                       the WAIT settings differ, with RocketMQ's messages
     * @throws IllegalArgumentException      when there are no messages
     */
    public static MessageBatch generateFromList(Collection<Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one message");
        }
        List<Message> list = new ArrayList<>(messages.size());
        Message first = null;
        for (Message m : messages) {
            if (m.getDelayTimeLevel() > 0) {
                throw new UnsupportedOperationException("TimeDelayLevel is not supported for batching");
            }
            if (SystemTopics.isRetryTopic(m.getTopic())) {
                throw new UnsupportedOperationException("Retry Group is not supported for batching");
            }
            if (first == null) {
                first = m;
            } else {
                if (!first.getTopic().equals(m.getTopic())) {
                    throw new UnsupportedOperationException(
                            "The topic of the messages in one batch should be the same");
                }
                if (first.isWaitStoreMsgOK() != m.isWaitStoreMsgOK()) {
                    throw new UnsupportedOperationException(
                            "The waitStoreMsgOK of the messages in one batch should the same");
                }
            }
            list.add(m);
        }
        MessageBatch batch = new MessageBatch(list);
        batch.setTopic(first.getTopic());
        batch.setWaitStoreMsgOK(first.isWaitStoreMsgOK());
        return batch;
    }

    /** The batch body: each message in the stored-message layout the broker splits, as RocketMQ encodes it. */
    public byte[] encode() {
        ByteBuffer encoded = BatchBodyCodec.encode(messages);
        byte[] body = new byte[encoded.remaining()];
        encoded.get(body);
        return body;
    }

    /** The messages, in order (read-only). */
    public List<Message> messages() {
        return Collections.unmodifiableList(messages);
    }

    @Override
    public Iterator<Message> iterator() {
        return messages().iterator();
    }
}
