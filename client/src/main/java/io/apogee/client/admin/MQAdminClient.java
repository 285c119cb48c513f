package io.apogee.client.admin;

import io.apogee.client.ClientConfig;
import io.apogee.client.MQAdmin;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.QueryResult;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.exception.RemotingException;

/**
 * A producer or consumer that also answers RocketMQ's {@code MQAdmin} calls, with RocketMQ's names and exceptions:
 * topics and queues are named as the app names them and put in the client's namespace on the way out.
 */
public abstract class MQAdminClient extends ClientConfig implements MQAdmin {

    /** The started client's instance; the calls below fail with RocketMQ's message before start. */
    protected abstract MQClientInstance runningInstance() throws MQClientException;

    /** Creates {@code newTopic} with {@code queueNum} queues on every master serving {@code key} (TBW102). */
    public void createTopic(String key, String newTopic, int queueNum) throws MQClientException {
        createTopic(key, newTopic, queueNum, 0);
    }

    /** {@link #createTopic(String, String, int)} with {@code topicSysFlag} ({@code TopicSysFlag} bits). */
    public void createTopic(String key, String newTopic, int queueNum, int topicSysFlag) throws MQClientException {
        admin().createTopic(key, withNamespace(newTopic), queueNum, topicSysFlag);
    }

    /** The offset of the first message of {@code mq} stored at or after {@code timestamp}. */
    public long searchOffset(MessageQueue mq, long timestamp) throws MQClientException {
        return admin().searchOffset(queueWithNamespace(mq), timestamp);
    }

    /** The offset after the last message of {@code mq}. */
    public long maxOffset(MessageQueue mq) throws MQClientException {
        return admin().maxOffset(queueWithNamespace(mq));
    }

    /** The oldest offset of {@code mq} still stored. */
    public long minOffset(MessageQueue mq) throws MQClientException {
        return admin().minOffset(queueWithNamespace(mq));
    }

    /** Store time of the oldest message of {@code mq} still stored. */
    public long earliestMsgStoreTime(MessageQueue mq) throws MQClientException {
        return admin().earliestMsgStoreTime(queueWithNamespace(mq));
    }

    /** The message with broker offset id {@code offsetMsgId}, read from the broker the id names. */
    public MessageExt viewMessage(String offsetMsgId)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        return admin().viewMessage(offsetMsgId);
    }

    /** The message of {@code topic} with id {@code msgId}: a broker offset id, else a client id (UNIQ_KEY). */
    public MessageExt viewMessage(String topic, String msgId)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        return admin().viewMessage(withNamespace(topic), msgId);
    }

    /** Messages of {@code topic} with business key {@code key} stored between {@code begin} and {@code end}. */
    public QueryResult queryMessage(String topic, String key, int maxNum, long begin, long end)
            throws MQClientException, InterruptedException {
        return admin().queryMessage(withNamespace(topic), key, maxNum, begin, end);
    }

    private MQAdminImpl admin() throws MQClientException {
        return new MQAdminImpl(runningInstance());
    }
}
