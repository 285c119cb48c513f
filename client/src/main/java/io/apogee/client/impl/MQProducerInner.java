package io.apogee.client.impl;

import io.apogee.common.message.MessageExt;
import io.apogee.remoting.protocol.header.CheckTransactionStateRequestHeader;
import java.util.Set;

/** What a {@link MQClientInstance} needs from a producer registered with it. */
public interface MQProducerInner {

    String groupName();

    /** Topics this producer has sent to, whose routes the instance keeps fresh. */
    Set<String> publishTopics();

    /** A fresh route for {@code topic}. */
    void updateTopicPublishInfo(String topic, TopicPublishInfo info);

    /** The broker asks for the state of the half message {@code message} (CHECK_TRANSACTION_STATE). */
    void checkTransactionState(String brokerAddr, MessageExt message, CheckTransactionStateRequestHeader header);
}
