package io.apogee.client.producer;

import io.apogee.client.MQBrokerException;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.topic.NamespaceUtil;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.header.SendMessageResponseHeader;
import java.util.Map;

/** Maps a send response to a {@link SendResult}: the three "stored but" codes are statuses, others failures. */
final class SendResponses {

    private SendResponses() {
    }

    /** The result of a send to {@code mq}; its queue is named as the app names it, without {@code namespace}. */
    static SendResult toResult(RemotingCommand response, OutgoingMessage out, MessageQueue mq, String addr,
            String namespace) throws MQBrokerException {
        SendStatus status = switch (response.code()) {
            case ResponseCode.SUCCESS -> SendStatus.SEND_OK;
            case ResponseCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
            default -> throw new MQBrokerException(response.code(), response.remark(), addr);
        };
        SendMessageResponseHeader header;
        try {
            header = response.decodeHeader(SendMessageResponseHeader.class);
        } catch (RemotingCommandException e) {
            throw new MQBrokerException(response.code(), "bad send response header: " + e.getMessage(), addr);
        }
        MessageQueue appQueue = new MessageQueue(NamespaceUtil.withoutNamespace(mq.getTopic(), namespace),
                mq.getBrokerName(), header.getQueueId());
        SendResult result = new SendResult(status, out.uniqueIds(), header.getMsgId(), appQueue,
                header.getQueueOffset());
        result.setTransactionId(header.getTransactionId());
        Map<String, String> ext = response.extFields();
        result.setRegionId(ext.get(MessageProperty.MSG_REGION));
        result.setTraceOn(!"false".equals(ext.get(MessageProperty.TRACE_SWITCH)));
        return result;
    }
}
