package io.apogee.client.utils;

import io.apogee.client.ClientErrorCode;
import io.apogee.client.MQClientException;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.topic.SystemTopics;

/** Helpers of a consumer that answers {@code request()}s (RocketMQ 4.9's {@code MessageUtil}, same names). */
public final class MessageUtil {

    /** The {@code MSG_TYPE} of a reply: a producer sends such a message as SEND_REPLY_MESSAGE_V2. */
    public static final String REPLY_MESSAGE_FLAG = "reply";

    private MessageUtil() {
    }

    /**
     * The reply to {@code requestMessage} (a consumed request): {@code body} to the topic
     * {@code <cluster>_REPLY_TOPIC} of the cluster that stored the request, carrying its {@code CORRELATION_ID},
     * {@code REPLY_TO_CLIENT} and {@code TTL}, with {@code MSG_TYPE=reply}; send it with any started producer.
     *
     * @throws MQClientException ({@link ClientErrorCode#CREATE_REPLY_MESSAGE_EXCEPTION}) when
     *     {@code requestMessage} is null or has no {@code CLUSTER} property (it was not consumed from a broker)
     */
    public static Message createReplyMessage(Message requestMessage, byte[] body) throws MQClientException {
        if (requestMessage == null) {
            throw new MQClientException(ClientErrorCode.CREATE_REPLY_MESSAGE_EXCEPTION,
                    "create reply message fail, requestMessage cannot be null.");
        }
        String cluster = requestMessage.getProperty(MessageProperty.CLUSTER);
        if (cluster == null) {
            throw new MQClientException(ClientErrorCode.CREATE_REPLY_MESSAGE_EXCEPTION,
                    "create reply message fail, requestMessage error, property[" + MessageProperty.CLUSTER
                            + "] is null.");
        }
        Message reply = new Message(cluster + SystemTopics.REPLY_TOPIC_SUFFIX, body);
        reply.putProperty(MessageProperty.MESSAGE_TYPE, REPLY_MESSAGE_FLAG);
        reply.putProperty(MessageProperty.CORRELATION_ID, requestMessage.getProperty(MessageProperty.CORRELATION_ID));
        reply.putProperty(MessageProperty.MESSAGE_REPLY_TO_CLIENT,
                requestMessage.getProperty(MessageProperty.MESSAGE_REPLY_TO_CLIENT));
        reply.putProperty(MessageProperty.MESSAGE_TTL, requestMessage.getProperty(MessageProperty.MESSAGE_TTL));
        return reply;
    }

    /** The client id of the producer waiting for a reply to {@code msg} ({@code REPLY_TO_CLIENT}), or null. */
    public static String getReplyToClient(Message msg) {
        return msg.getProperty(MessageProperty.MESSAGE_REPLY_TO_CLIENT);
    }
}
