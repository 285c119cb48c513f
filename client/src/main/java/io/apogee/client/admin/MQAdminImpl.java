package io.apogee.client.admin;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.QueryResult;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.api.BrokerOffsetApi;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.Permission;
import io.apogee.common.topic.TopicFilterType;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.Channels;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.CreateTopicRequestHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin calls every RocketMQ client has ({@code MQAdmin}: create a topic, a queue's offsets and store times,
 * look messages up by id or key), on one client instance. Producers and consumers pass names already in their
 * namespace; the exceptions are RocketMQ's (others come wrapped in an {@link MQClientException} naming the call).
 */
public final class MQAdminImpl {

    /** Attempts per broker of a topic creation, as RocketMQ makes. */
    private static final int CREATE_TOPIC_ATTEMPTS = 5;
    /** A client id (UNIQ_KEY) query asks each broker for up to this many messages, as RocketMQ does. */
    private static final int UNIQUE_KEY_QUERY_MAX = 32;

    private final MQClientInstance instance;

    public MQAdminImpl(MQClientInstance instance) {
        this.instance = instance;
    }

    /**
     * Creates {@code newTopic} with {@code queueNum} read and write queues on every master that serves {@code key}
     * (the template, TBW102 by default).
     *
     * @throws MQClientException when {@code key} has no route, or no master created the topic
     */
    public void createTopic(String key, String newTopic, int queueNum, int topicSysFlag) throws MQClientException {
        TopicRouteData route = route(key);
        CreateTopicRequestHeader header = new CreateTopicRequestHeader();
        header.setTopic(newTopic);
        header.setDefaultTopic(key);
        header.setReadQueueNums(queueNum);
        header.setWriteQueueNums(queueNum);
        header.setPerm(Permission.READ_WRITE);
        header.setTopicFilterType(TopicFilterType.SINGLE_TAG.name());
        header.setTopicSysFlag(topicSysFlag);
        header.setOrder(false);
        boolean created = false;
        Exception last = null;
        for (String addr : BrokerAddresses.masters(route)) {
            for (int attempt = 0; attempt < CREATE_TOPIC_ATTEMPTS; attempt++) {
                try {
                    instance.adminApi().createTopic(addr, header);
                    created = true;
                    break;
                } catch (MQBrokerException | MQClientException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MQClientException("create new topic " + newTopic + " interrupted", e);
                }
            }
        }
        if (!created) {
            throw new MQClientException(last == null
                    ? "Not found broker, maybe key is wrong: no master serves " + key
                    : "create new topic " + newTopic + " failed: " + last.getMessage(), last);
        }
    }

    /** The offset of the first message of {@code mq} stored at or after {@code timestamp}. */
    public long searchOffset(MessageQueue mq, long timestamp) throws MQClientException {
        return offsetCall(mq, "offset at " + timestamp, (offsets, addr) -> offsets.searchOffset(addr, mq, timestamp));
    }

    /** The offset after the last message of {@code mq}. */
    public long maxOffset(MessageQueue mq) throws MQClientException {
        return offsetCall(mq, "max offset", (offsets, addr) -> offsets.getMaxOffset(addr, mq));
    }

    /** The oldest offset of {@code mq} still stored. */
    public long minOffset(MessageQueue mq) throws MQClientException {
        return offsetCall(mq, "min offset", (offsets, addr) -> offsets.getMinOffset(addr, mq));
    }

    /** The offset {@code group} committed in {@code mq} on its master, -1 when it has none there. */
    long queryConsumerOffset(String group, MessageQueue mq) throws MQClientException {
        return offsetCall(mq, "consumer offset of " + group,
                (offsets, addr) -> offsets.queryConsumerOffset(addr, group, mq));
    }

    /** Store time of the oldest message of {@code mq} still stored. */
    public long earliestMsgStoreTime(MessageQueue mq) throws MQClientException {
        return offsetCall(mq, "earliest message store time",
                (offsets, addr) -> offsets.getEarliestMsgStoretime(addr, mq));
    }

    /**
     * The message with broker offset id {@code offsetMsgId}, read from the broker the id names.
     *
     * @throws MQClientException when {@code offsetMsgId} is not an offset id
     */
    public MessageExt viewMessage(String offsetMsgId)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        OffsetMessageId id;
        try {
            id = OffsetMessageId.decode(offsetMsgId);
        } catch (IllegalArgumentException e) {
            MQClientException illegal = new MQClientException(ResponseCode.NO_MESSAGE, "message id illegal: "
                    + offsetMsgId + " is not a broker offset id (32 or 56 hex characters)");
            illegal.initCause(e);
            throw illegal;
        }
        return instance.adminApi().viewMessage(Channels.format(id.storeHost()), id.commitLogOffset());
    }

    /**
     * The message of {@code topic} with id {@code msgId}: a client id ({@code UNIQ_KEY}) is looked up in the topic's
     * key index first (both kinds of id can be 32 hex characters), then a broker offset id is read from the broker
     * it names.
     *
     * @throws MQClientException {@code NO_MESSAGE} when neither finds it
     */
    public MessageExt viewMessage(String topic, String msgId)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        List<MessageExt> found = queryMessageByUniqueKey(topic, msgId).getMessageList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        try {
            return viewMessage(msgId);
        } catch (MQClientException | MQBrokerException | RemotingException e) {
            MQClientException none = new MQClientException(ResponseCode.NO_MESSAGE, "no message of topic " + topic
                    + " with id " + msgId + ": it is neither a client id in the topic's key index nor a readable"
                    + " offset id (" + e.getMessage() + ")");
            none.initCause(e);
            throw none;
        }
    }

    /** Messages of {@code topic} with business key {@code key} stored between {@code begin} and {@code end}. */
    public QueryResult queryMessage(String topic, String key, int maxNum, long begin, long end)
            throws MQClientException, InterruptedException {
        return query(topic, key, maxNum, begin, end, false);
    }

    /** The messages of {@code topic} with client id ({@code UNIQ_KEY}) {@code uniqueKey}. */
    public QueryResult queryMessageByUniqueKey(String topic, String uniqueKey)
            throws MQClientException, InterruptedException {
        return query(topic, uniqueKey, UNIQUE_KEY_QUERY_MAX, 0, Long.MAX_VALUE, true);
    }

    /** Up to {@code maxNum} messages of {@code topic} with client id {@code uniqueKey} stored in the span. */
    public QueryResult queryMessageByUniqueKey(String topic, String uniqueKey, int maxNum, long begin, long end)
            throws MQClientException, InterruptedException {
        return query(topic, uniqueKey, maxNum, begin, end, true);
    }

    private QueryResult query(String topic, String key, int maxNum, long begin, long end, boolean unique)
            throws MQClientException, InterruptedException {
        List<MessageExt> found = new ArrayList<>();
        long indexed = 0;
        for (String addr : BrokerAddresses.masters(route(topic))) {
            QueryResult answer;
            try {
                answer = instance.adminApi().queryMessage(addr, topic, key, maxNum, begin, end, unique);
            } catch (MQBrokerException e) {
                MQClientException refused = new MQClientException(e.getResponseCode(), "query of key " + key
                        + " in " + topic + " refused by broker " + addr + ": " + e.getErrorMessage());
                refused.initCause(e);
                throw refused;
            }
            indexed = Math.max(indexed, answer.getIndexLastUpdateTimestamp());
            for (MessageExt m : answer.getMessageList()) {
                if (topic.equals(m.getTopic()) && found.size() < maxNum) {
                    found.add(m);
                }
            }
        }
        return new QueryResult(indexed, found);
    }

    /** One offset question of {@code mq}'s master. */
    private interface OffsetCall {
        long ask(BrokerOffsetApi offsets, String addr) throws RemotingException, MQBrokerException,
                InterruptedException;
    }

    private long offsetCall(MessageQueue mq, String what, OffsetCall call) throws MQClientException {
        String addr = masterOf(mq);
        try {
            return call.ask(instance.offsetApi(), addr);
        } catch (RemotingException | MQBrokerException e) {
            throw new MQClientException(what + " of " + mq + " from broker " + addr + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MQClientException(what + " of " + mq + " interrupted", e);
        }
    }

    private String masterOf(MessageQueue mq) throws MQClientException {
        String addr = BrokerAddresses.master(route(mq.getTopic()), mq.getBrokerName());
        if (addr == null) {
            throw new MQClientException(-1, "The broker[" + mq.getBrokerName() + "] not exist");
        }
        return addr;
    }

    private TopicRouteData route(String topic) throws MQClientException {
        TopicRouteData route;
        try {
            route = instance.namesrvApi().getTopicRoute(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MQClientException("route query of " + topic + " interrupted", e);
        }
        if (route == null) {
            throw new MQClientException(AdminResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic);
        }
        return route;
    }
}
