package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.NamespaceUtil;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push consumer's way back to the broker for messages its listener failed: CONSUMER_SEND_MSG_BACK redelivers
 * them through the group's retry topic, or moves them to its dead-letter topic once retried maxReconsumeTimes;
 * and a redelivered message shows the listener its original topic again.
 */
final class Redelivery {

    /** RocketMQ's reconsume limit when maxReconsumeTimes is -1. */
    static final int DEFAULT_MAX_RECONSUME_TIMES = 16;
    /** Send-back delay level that moves a message straight to the dead-letter topic. */
    static final int DELAY_LEVEL_DLQ = -1;
    private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);

    private final String group;
    private final String namespace;
    private final int maxReconsumeTimes;
    private final MQClientInstance instance;

    /**
     * @param group             the group as named on the wire (in its namespace)
     * @param namespace         the consumer's namespace, or null
     * @param maxReconsumeTimes the consumer's setting; negative means {@link #DEFAULT_MAX_RECONSUME_TIMES}
     */
    Redelivery(String group, String namespace, int maxReconsumeTimes, MQClientInstance instance) {
        this.group = group;
        this.namespace = namespace;
        this.maxReconsumeTimes = maxReconsumeTimes < 0 ? DEFAULT_MAX_RECONSUME_TIMES : maxReconsumeTimes;
        this.instance = instance;
    }

    /** Redeliveries a message gets before it goes to the dead-letter topic. */
    int maxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    /**
     * Hands {@code msg}, pulled from {@code mq}, back to its broker (delay level 0: the broker's choice;
     * {@link #DELAY_LEVEL_DLQ}: straight to the DLQ).
     *
     * @return false when the broker did not take it (the caller then consumes it again locally)
     */
    boolean sendBack(MessageExt msg, int delayLevel, MessageQueue mq) {
        String addr = instance.findBrokerAddressInPublish(mq.getBrokerName());
        if (addr == null) {
            return false;
        }
        try {
            sendBackTo(addr, mq.getBrokerName(), msg, delayLevel, group);
            return true;
        } catch (RemotingException | MQBrokerException e) {
            LOG.warn("send-back of {} (group {}) to {} failed, consuming it again locally: {}", msg.getMsgId(), group,
                    addr, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * An app's send-back of {@code msg}: through {@code brokerName}'s master, or (null) the broker that stored it.
     *
     * @throws MQClientException when that broker is unknown
     */
    void sendBack(MessageExt msg, int delayLevel, String brokerName)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        sendBack(msg, delayLevel, brokerName, group);
    }

    /** {@link #sendBack(MessageExt, int, String)} for {@code consumerGroup} (on the wire) instead of this group. */
    void sendBack(MessageExt msg, int delayLevel, String brokerName, String consumerGroup)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        String addr = brokerName != null ? instance.findBrokerAddressInPublish(brokerName) : storeAddr(msg);
        if (addr == null) {
            throw new MQClientException(-1, "The broker[" + brokerName + "] not exist");
        }
        sendBackTo(addr, brokerName, msg, delayLevel, consumerGroup);
    }

    private static String storeAddr(MessageExt msg) {
        InetSocketAddress host = msg.getStoreHost();
        return host == null ? null : host.getAddress().getHostAddress() + ":" + host.getPort();
    }

    /** CONSUMER_SEND_MSG_BACK of {@code msg} for {@code consumerGroup} to {@code addr} ({@code brokerName} or null). */
    private void sendBackTo(String addr, String brokerName, MessageExt msg, int delayLevel, String consumerGroup)
            throws RemotingException, MQBrokerException, InterruptedException {
        ConsumerSendMsgBackRequestHeader header = new ConsumerSendMsgBackRequestHeader();
        header.setOffset(msg.getCommitLogOffset());
        header.setGroup(consumerGroup);
        header.setDelayLevel(delayLevel);
        String origin = msg.getProperty(MessageProperty.ORIGIN_MESSAGE_ID);
        header.setOriginMsgId(origin != null ? origin : msg.getMsgId());
        header.setOriginTopic(NamespaceUtil.wrapNamespace(namespace, msg.getTopic()));
        header.setMaxReconsumeTimes(maxReconsumeTimes);
        header.setBname(brokerName);
        instance.manageApi().sendMessageBack(addr, header);
    }

    /**
     * Shows the listener the topic as the app names it: a message redelivered through the retry topic gets its
     * original topic back, and the namespace goes (RocketMQ's {@code resetRetryAndNamespace}).
     */
    void restoreAppTopic(MessageExt msg) {
        String original = msg.getProperty(MessageProperty.RETRY_TOPIC);
        if (original != null && SystemTopics.retryTopic(group).equals(msg.getTopic())) {
            msg.setTopic(original);
        }
        msg.setTopic(NamespaceUtil.withoutNamespace(msg.getTopic(), namespace));
    }
}
