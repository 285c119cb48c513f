package io.apogee.client.producer;

import io.apogee.client.MQClientException;
import io.apogee.client.impl.api.Compression;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageBatch;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.message.SysFlag;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A message (or batch) encoded once for the wire, so retries resend the same bytes: the body as sent
 * (compressed, or the batch encoding), the properties string, sysFlag and the unique id(s).
 */
record OutgoingMessage(String topic, int flag, String properties, byte[] body, int sysFlag, boolean batch,
        String uniqueIds) {

    /** sysFlag bits of a zlib-compressed body: COMPRESSED plus compression type ZLIB (RocketMQ 4.9.8). */
    private static final int ZLIB_COMPRESSED = SysFlag.COMPRESSED | SysFlag.COMPRESSION_ZLIB_TYPE;

    /** Assigns {@code msg} a unique id if it has none, and compresses a body of at least {@code compressOver}. */
    static OutgoingMessage single(Message msg, int compressOver) {
        if (msg.getUniqueKey() == null) {
            msg.putProperty(MessageProperty.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, UniqueIdGenerator.next());
        }
        int sysFlag = 0;
        byte[] body = msg.getBody();
        if (body.length >= compressOver) {
            byte[] compressed = Compression.deflate(body, Compression.DEFAULT_LEVEL);
            if (compressed.length < body.length) {
                body = compressed;
                sysFlag |= ZLIB_COMPRESSED;
            }
        }
        if (Boolean.parseBoolean(msg.getProperty(MessageProperty.TRANSACTION_PREPARED))) {
            sysFlag |= SysFlag.TRANSACTION_PREPARED_TYPE;
        }
        return new OutgoingMessage(msg.getTopic(), msg.getFlag(), PropertiesCodec.encode(msg.getProperties()), body,
                sysFlag, false, msg.getUniqueKey());
    }

    /**
     * One SEND_BATCH_MESSAGE of {@code messages}: same topic, no delay, not a retry topic, same WAIT setting.
     *
     * @throws MQClientException when the messages cannot go in one batch
     */
    static OutgoingMessage batch(Collection<Message> messages) throws MQClientException {
        if (messages == null || messages.isEmpty()) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL, "the batch is empty");
        }
        MessageBatch batch;
        try {
            batch = MessageBatch.generateFromList(messages);
        } catch (UnsupportedOperationException e) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL, e.getMessage());
        }
        List<String> ids = new ArrayList<>(messages.size());
        for (Message m : batch) {
            if (m.getUniqueKey() == null) {
                m.putProperty(MessageProperty.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, UniqueIdGenerator.next());
            }
            ids.add(m.getUniqueKey());
        }
        byte[] body = batch.encode();
        String props = PropertiesCodec.encode(Map.of(MessageProperty.WAIT_STORE_MSG_OK,
                Boolean.toString(batch.isWaitStoreMsgOK())));
        return new OutgoingMessage(batch.getTopic(), 0, props, body, 0, true, String.join(",", ids));
    }
}
