package io.apogee.client.impl.api;

import com.alibaba.fastjson2.JSON;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.QueryResult;
import io.apogee.common.message.MessageExt;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.QueryConsumeTimeSpanRequestHeader;
import io.apogee.remoting.protocol.body.QueryConsumeTimeSpanBody;
import io.apogee.remoting.protocol.body.QueueTimeSpan;
import io.apogee.remoting.protocol.body.ConsumeStatsList;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.GetConsumeStatsInBrokerHeader;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.GetConsumerStatusBody;
import io.apogee.remoting.protocol.body.GroupList;
import io.apogee.remoting.protocol.body.KvTable;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.admin.ProducerConnection;
import io.apogee.remoting.protocol.body.ResetOffsetBody;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.remoting.protocol.body.SubscriptionGroupWrapper;
import io.apogee.common.admin.TopicStatsTable;
import io.apogee.remoting.protocol.header.ConsumeMessageDirectlyResultRequestHeader;
import io.apogee.remoting.protocol.header.CreateTopicRequestHeader;
import io.apogee.remoting.protocol.header.DeleteSubscriptionGroupRequestHeader;
import io.apogee.remoting.protocol.header.DeleteTopicRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumeStatsRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerRunningInfoRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerStatusRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerConnectionListRequestHeader;
import io.apogee.remoting.protocol.header.GetProducerConnectionListRequestHeader;
import io.apogee.remoting.protocol.header.GetTopicStatsInfoRequestHeader;
import io.apogee.remoting.protocol.header.QueryMessageRequestHeader;
import io.apogee.remoting.protocol.header.QueryMessageResponseHeader;
import io.apogee.remoting.protocol.header.QueryTopicConsumeByWhoRequestHeader;
import io.apogee.remoting.protocol.header.ResetOffsetRequestHeader;
import io.apogee.remoting.protocol.header.ViewMessageRequestHeader;
import io.apogee.remoting.protocol.body.ProducerTableInfo;
import io.apogee.remoting.protocol.body.QueryConsumeQueueResponseBody;
import io.apogee.remoting.protocol.header.CloneGroupOffsetRequestHeader;
import io.apogee.remoting.protocol.header.CreateAccessConfigRequestHeader;
import io.apogee.remoting.protocol.header.DeleteAccessConfigRequestHeader;
import io.apogee.remoting.protocol.header.GetBrokerAclConfigResponseHeader;
import io.apogee.remoting.protocol.header.QueryConsumeQueueRequestHeader;
import io.apogee.remoting.protocol.header.UpdateGlobalWhiteAddrsConfigRequestHeader;
import io.apogee.remoting.protocol.header.ViewBrokerStatsDataRequestHeader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Broker administration requests, as mqadmin and the console make them (codes.md §4). A refusal is an
 * {@link MQBrokerException} with the broker's code; a request that got no answer (connect, send, timeout) is an
 * {@link MQClientException} naming the broker and the cause.
 */
public final class AdminApi {

    /** extFields key that makes QUERY_MESSAGE look up a unique key ({@code UNIQ_KEY}) rather than a business key. */
    public static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";

    private final NettyRemotingClient remoting;
    private final long timeoutMillis;
    private final boolean vipChannel;

    /** @param vipChannel send to each broker's VIP port ({@code listenPort - 2}), as RocketMQ's vipChannelEnabled */
    public AdminApi(NettyRemotingClient remoting, long timeoutMillis, boolean vipChannel) {
        this.remoting = remoting;
        this.timeoutMillis = timeoutMillis;
        this.vipChannel = vipChannel;
    }

    public void createTopic(String addr, CreateTopicRequestHeader header)
            throws MQClientException, MQBrokerException, InterruptedException {
        Responses.success(call(addr, RequestCode.UPDATE_AND_CREATE_TOPIC, header, null), addr);
    }

    public void deleteTopicInBroker(String addr, String topic)
            throws MQClientException, MQBrokerException, InterruptedException {
        DeleteTopicRequestHeader header = new DeleteTopicRequestHeader();
        header.setTopic(topic);
        Responses.success(call(addr, RequestCode.DELETE_TOPIC_IN_BROKER, header, null), addr);
    }

    public TopicStatsTable getTopicStatsInfo(String addr, String topic)
            throws MQClientException, MQBrokerException, InterruptedException {
        GetTopicStatsInfoRequestHeader header = new GetTopicStatsInfoRequestHeader();
        header.setTopic(topic);
        return body(addr, RequestCode.GET_TOPIC_STATS_INFO, header, TopicStatsTable.class);
    }

    /** The group's progress on this broker, for {@code topic} or (null) every topic it has offsets for. */
    public ConsumeStats getConsumeStats(String addr, String group, String topic)
            throws MQClientException, MQBrokerException, InterruptedException {
        GetConsumeStatsRequestHeader header = new GetConsumeStatsRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(topic);
        return body(addr, RequestCode.GET_CONSUME_STATS, header, ConsumeStats.class);
    }

    public ConsumerConnection getConsumerConnectionList(String addr, String group)
            throws MQClientException, MQBrokerException, InterruptedException {
        GetConsumerConnectionListRequestHeader header = new GetConsumerConnectionListRequestHeader();
        header.setConsumerGroup(group);
        return body(addr, RequestCode.GET_CONSUMER_CONNECTION_LIST, header, ConsumerConnection.class);
    }

    public ProducerConnection getProducerConnectionList(String addr, String group)
            throws MQClientException, MQBrokerException, InterruptedException {
        GetProducerConnectionListRequestHeader header = new GetProducerConnectionListRequestHeader();
        header.setProducerGroup(group);
        return body(addr, RequestCode.GET_PRODUCER_CONNECTION_LIST, header, ProducerConnection.class);
    }

    public GroupList queryTopicConsumeByWho(String addr, String topic)
            throws MQClientException, MQBrokerException, InterruptedException {
        QueryTopicConsumeByWhoRequestHeader header = new QueryTopicConsumeByWhoRequestHeader();
        header.setTopic(topic);
        return GroupList.decode(body(addr, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, header));
    }

    /** GET_BROKER_RUNTIME_INFO: the broker's status keys and values. */
    public Map<String, String> getBrokerRuntimeInfo(String addr)
            throws MQClientException, MQBrokerException, InterruptedException {
        return JSON.parseObject(body(addr, RequestCode.GET_BROKER_RUNTIME_INFO, null), KvTable.class).table();
    }

    /** GET_BROKER_CONFIG: every broker, store and network setting. */
    public Properties getBrokerConfig(String addr)
            throws MQClientException, MQBrokerException, InterruptedException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(body(addr, RequestCode.GET_BROKER_CONFIG, null),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new MQBrokerException(ResponseCode.SYSTEM_ERROR, "unreadable broker config: " + e, addr);
        }
        return properties;
    }

    /** UPDATE_BROKER_CONFIG with {@code properties} as {@code key=value} lines. */
    public void updateBrokerConfig(String addr, Properties properties)
            throws MQClientException, MQBrokerException, InterruptedException {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Responses.success(call(addr, RequestCode.UPDATE_BROKER_CONFIG, null,
                text.toString().getBytes(StandardCharsets.UTF_8)), addr);
    }

    public void createSubscriptionGroup(String addr, SubscriptionGroupConfig config)
            throws MQClientException, MQBrokerException, InterruptedException {
        Responses.success(call(addr, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, null,
                BodyJson.encode(config)), addr);
    }

    public SubscriptionGroupWrapper getAllSubscriptionGroup(String addr)
            throws MQClientException, MQBrokerException, InterruptedException {
        return SubscriptionGroupWrapper.decode(body(addr, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, null));
    }

    public void deleteSubscriptionGroup(String addr, String group, boolean removeOffset)
            throws MQClientException, MQBrokerException, InterruptedException {
        DeleteSubscriptionGroupRequestHeader header = new DeleteSubscriptionGroupRequestHeader();
        header.setGroupName(group);
        header.setRemoveOffset(removeOffset);
        Responses.success(call(addr, RequestCode.DELETE_SUBSCRIPTIONGROUP, header, null), addr);
    }

    /** Moves the group's offsets on this broker to {@code timestamp} (-1: the end); returns the new offsets. */
    public Map<MessageQueue, Long> resetOffset(String addr, String topic, String group, long timestamp,
            boolean force) throws MQClientException, MQBrokerException, InterruptedException {
        ResetOffsetRequestHeader header = new ResetOffsetRequestHeader();
        header.setTopic(topic);
        header.setGroup(group);
        header.setTimestamp(timestamp);
        header.setForce(force);
        RemotingCommand response = call(addr, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, header, null);
        byte[] body = Responses.body(response, addr);
        return ResetOffsetBody.decode(body).getOffsetTable();
    }

    /**
     * QUERY_MESSAGE: messages of {@code topic} indexed under {@code key} in the time range, with the time the
     * broker's answering index was last written (0 when none was found).
     */
    public QueryResult queryMessage(String addr, String topic, String key, int maxNum, long begin, long end,
            boolean uniqueKey) throws MQClientException, MQBrokerException, InterruptedException {
        QueryMessageRequestHeader header = new QueryMessageRequestHeader();
        header.setTopic(topic);
        header.setKey(key);
        header.setMaxNum(maxNum);
        header.setBeginTimestamp(begin);
        header.setEndTimestamp(end);
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE, header)
                .addExtField(UNIQUE_KEY_QUERY, Boolean.toString(uniqueKey));
        RemotingCommand response = invoke(addr, request);
        if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
            return new QueryResult(0, List.of());
        }
        List<MessageExt> found = PullApi.decodeMessages(Responses.body(response, addr));
        Long indexed;
        try {
            indexed = response.decodeHeader(QueryMessageResponseHeader.class).getIndexLastUpdateTimestamp();
        } catch (RemotingCommandException e) {
            throw new MQBrokerException(response.code(), "bad query response header: " + e.getMessage(), addr);
        }
        return new QueryResult(indexed == null ? 0 : indexed, found);
    }

    /** VIEW_MESSAGE_BY_ID: the message at commit-log offset {@code offset} of the broker at {@code addr}. */
    public MessageExt viewMessage(String addr, long offset)
            throws MQClientException, MQBrokerException, InterruptedException {
        ViewMessageRequestHeader header = new ViewMessageRequestHeader();
        header.setOffset(offset);
        List<MessageExt> messages = PullApi.decodeMessages(body(addr, RequestCode.VIEW_MESSAGE_BY_ID, header));
        if (messages.isEmpty()) {
            throw new MQBrokerException(ResponseCode.SYSTEM_ERROR, "no message at offset " + offset, addr);
        }
        return messages.get(0);
    }

    /** GET_CONSUMER_RUNNING_INFO, relayed by the broker at {@code addr} to consumer {@code clientId}. */
    public ConsumerRunningInfo getConsumerRunningInfo(String addr, String group, String clientId)
            throws MQClientException, MQBrokerException, InterruptedException {
        return getConsumerRunningInfo(addr, group, clientId, false);
    }

    /** As {@link #getConsumerRunningInfo(String, String, String)}, with the consumer's thread dump when asked. */
    public ConsumerRunningInfo getConsumerRunningInfo(String addr, String group, String clientId, boolean jstack)
            throws MQClientException, MQBrokerException, InterruptedException {
        GetConsumerRunningInfoRequestHeader header = new GetConsumerRunningInfoRequestHeader();
        header.setConsumerGroup(group);
        header.setClientId(clientId);
        header.setJstackEnable(jstack);
        return body(addr, RequestCode.GET_CONSUMER_RUNNING_INFO, header, ConsumerRunningInfo.class);
    }

    /**
     * INVOKE_BROKER_TO_GET_CONSUMER_STATUS: the in-memory offsets of {@code topic} of each online consumer of
     * {@code group} (only {@code clientAddr}'s when given), by client id, as the broker at {@code addr} asks them.
     */
    public Map<String, Map<MessageQueue, Long>> getConsumerStatus(String addr, String topic, String group,
            String clientAddr) throws MQClientException, MQBrokerException, InterruptedException {
        GetConsumerStatusRequestHeader header = new GetConsumerStatusRequestHeader();
        header.setTopic(topic);
        header.setGroup(group);
        header.setClientAddr(clientAddr);
        return GetConsumerStatusBody.decode(body(addr, RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS, header))
                .getConsumerTable();
    }

    /** CONSUME_MESSAGE_DIRECTLY: the broker at {@code addr} hands message {@code offsetMsgId} to one consumer. */
    public ConsumeMessageDirectlyResult consumeMessageDirectly(String addr, String group, String clientId,
            String offsetMsgId) throws MQClientException, MQBrokerException, InterruptedException {
        ConsumeMessageDirectlyResultRequestHeader header = new ConsumeMessageDirectlyResultRequestHeader();
        header.setConsumerGroup(group);
        header.setClientId(clientId);
        header.setMsgId(offsetMsgId);
        return body(addr, RequestCode.CONSUME_MESSAGE_DIRECTLY, header, ConsumeMessageDirectlyResult.class);
    }

    /** GET_ALL_TOPIC_CONFIG: every topic of the broker with its queues, perm and order flag. */
    public TopicConfigSerializeWrapper getAllTopicConfig(String addr)
            throws MQClientException, MQBrokerException, InterruptedException {
        return body(addr, RequestCode.GET_ALL_TOPIC_CONFIG, null, TopicConfigSerializeWrapper.class);
    }

    /** GET_BROKER_CONSUME_STATS: every group's progress on this broker in one answer. */
    public ConsumeStatsList getConsumeStatsInBroker(String addr, boolean isOrder)
            throws MQClientException, MQBrokerException, InterruptedException {
        GetConsumeStatsInBrokerHeader header = new GetConsumeStatsInBrokerHeader();
        header.setOrder(isOrder);
        return ConsumeStatsList.decode(body(addr, RequestCode.GET_BROKER_CONSUME_STATS, header));
    }

    private byte[] body(String addr, int code, CommandCustomHeader header)
            throws MQClientException, MQBrokerException, InterruptedException {
        return Responses.body(call(addr, code, header, null), addr);
    }

    private <T> T body(String addr, int code, CommandCustomHeader header, Class<T> type)
            throws MQClientException, MQBrokerException, InterruptedException {
        return Responses.body(call(addr, code, header, null), type, addr);
    }

    private RemotingCommand call(String addr, int code, CommandCustomHeader header, byte[] body)
            throws MQClientException, InterruptedException {
        return invoke(addr, RemotingCommand.request(code, header).body(body));
    }

    /** {@code host:port} with the port 2 lower: the broker's VIP port (RocketMQ's {@code brokerVIPChannel}). */
    public static String vipAddress(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            return addr;
        }
        try {
            return addr.substring(0, colon + 1) + (Integer.parseInt(addr.substring(colon + 1)) - 2);
        } catch (NumberFormatException e) {
            return addr;
        }
    }

    /** @throws MQClientException naming the broker and the cause when the request got no answer */
    private RemotingCommand invoke(String addr, RemotingCommand request)
            throws MQClientException, InterruptedException {
        try {
            return remoting.invokeSync(vipChannel ? vipAddress(addr) : addr, request, timeoutMillis);
        } catch (RemotingException e) {
            throw new MQClientException("request " + request.code() + " to broker " + addr + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** A request without header or body whose answer is success or a refusal (the store clean-ups 306, 316, 329). */
    public void plainRequest(String addr, int code) throws MQClientException, MQBrokerException, InterruptedException {
        Responses.success(call(addr, code, null, null), addr);
    }

    /** QUERY_CONSUME_TIME_SPAN: per queue of {@code topic}, the store times {@code group} has consumed between. */
    public List<QueueTimeSpan> queryConsumeTimeSpan(String addr, String topic, String group)
            throws MQClientException, MQBrokerException, InterruptedException {
        QueryConsumeTimeSpanRequestHeader header = new QueryConsumeTimeSpanRequestHeader();
        header.setTopic(topic);
        header.setGroup(group);
        return QueryConsumeTimeSpanBody.decode(body(addr, RequestCode.QUERY_CONSUME_TIME_SPAN, header))
                .getConsumeTimeSpanSet();
    }

    /**
     * RESUME_CHECK_HALF_MESSAGE: the broker checks the half message {@code offsetMsgId} back with its producer again.
     *
     * @throws MQBrokerException when the broker has no such half message
     */
    public void resumeCheckHalfMessage(String addr, String offsetMsgId)
            throws MQClientException, MQBrokerException, InterruptedException {
        RemotingCommand request = RemotingCommand.request(RequestCode.RESUME_CHECK_HALF_MESSAGE, null)
                .addExtField("msgId", offsetMsgId);
        Responses.success(invoke(addr, request), addr);
    }

    /** CLONE_GROUP_OFFSET: the broker copies one group's committed offsets in a topic to another group. */
    public void cloneGroupOffset(String addr, CloneGroupOffsetRequestHeader header)
            throws MQClientException, MQBrokerException, InterruptedException {
        Responses.success(call(addr, RequestCode.CLONE_GROUP_OFFSET, header, null), addr);
    }

    /** GET_ALL_PRODUCER_INFO: every producer group the broker knows with its clients. */
    public ProducerTableInfo getAllProducerInfo(String addr)
            throws MQClientException, MQBrokerException, InterruptedException {
        return ProducerTableInfo.decode(body(addr, RequestCode.GET_ALL_PRODUCER_INFO, null));
    }

    /** QUERY_CONSUME_QUEUE: some entries of one consume queue. */
    public QueryConsumeQueueResponseBody queryConsumeQueue(String addr, QueryConsumeQueueRequestHeader header)
            throws MQClientException, MQBrokerException, InterruptedException {
        return body(addr, RequestCode.QUERY_CONSUME_QUEUE, header, QueryConsumeQueueResponseBody.class);
    }

    /** UPDATE_AND_CREATE_ACL_CONFIG: creates or replaces one account of the broker's ACL file. */
    public void createAccessConfig(String addr, CreateAccessConfigRequestHeader header)
            throws MQClientException, MQBrokerException, InterruptedException {
        Responses.success(call(addr, RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, header, null), addr);
    }

    /** DELETE_ACL_CONFIG: removes one account of the broker's ACL file. */
    public void deleteAccessConfig(String addr, String accessKey)
            throws MQClientException, MQBrokerException, InterruptedException {
        DeleteAccessConfigRequestHeader header = new DeleteAccessConfigRequestHeader();
        header.setAccessKey(accessKey);
        Responses.success(call(addr, RequestCode.DELETE_ACL_CONFIG, header, null), addr);
    }

    /** UPDATE_GLOBAL_WHITE_ADDRS_CONFIG: replaces the ACL file's global white list ({@code ,}-separated). */
    public void updateGlobalWhiteAddrs(String addr, String globalWhiteAddrs, String aclFileFullPath)
            throws MQClientException, MQBrokerException, InterruptedException {
        UpdateGlobalWhiteAddrsConfigRequestHeader header = new UpdateGlobalWhiteAddrsConfigRequestHeader();
        header.setGlobalWhiteAddrs(globalWhiteAddrs);
        header.setAclFileFullPath(aclFileFullPath);
        Responses.success(call(addr, RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG, header, null), addr);
    }

    /** GET_BROKER_CLUSTER_ACL_INFO: the broker's ACL file version and names. */
    public GetBrokerAclConfigResponseHeader getBrokerAclVersion(String addr)
            throws MQClientException, MQBrokerException, InterruptedException {
        return Responses.header(Responses.success(call(addr, RequestCode.GET_BROKER_CLUSTER_ACL_INFO, null, null),
                addr), GetBrokerAclConfigResponseHeader.class, addr);
    }

    /** VIEW_BROKER_STATS_DATA: one statistic's minute, hour and day figures, as the broker's JSON body. */
    public byte[] viewBrokerStatsData(String addr, String statsName, String statsKey)
            throws MQClientException, MQBrokerException, InterruptedException {
        ViewBrokerStatsDataRequestHeader header = new ViewBrokerStatsDataRequestHeader();
        header.setStatsName(statsName);
        header.setStatsKey(statsKey);
        return body(addr, RequestCode.VIEW_BROKER_STATS_DATA, header);
    }
}
