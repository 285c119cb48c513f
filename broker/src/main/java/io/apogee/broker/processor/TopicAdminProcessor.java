package io.apogee.broker.processor;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.config.BrokerRole;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.slave.MasterLink;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.topic.Permission;
import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.TopicValidator;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.GroupList;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.TopicConfig;
import io.apogee.common.topic.TopicFilterType;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.common.admin.TopicOffset;
import io.apogee.common.admin.TopicStatsTable;
import io.apogee.remoting.protocol.header.CreateTopicRequestHeader;
import io.apogee.remoting.protocol.header.DeleteTopicRequestHeader;
import io.apogee.remoting.protocol.header.GetTopicConfigRequestHeader;
import io.apogee.remoting.protocol.header.GetTopicStatsInfoRequestHeader;
import io.apogee.remoting.protocol.header.QueryTopicConsumeByWhoRequestHeader;
import io.apogee.store.MessageStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic administration: UPDATE_AND_CREATE_TOPIC, DELETE_TOPIC_IN_BROKER, GET_ALL_TOPIC_CONFIG, GET_TOPIC_CONFIG
 * (RocketMQ 5.x), GET_TOPIC_STATS_INFO, QUERY_TOPIC_CONSUME_BY_WHO and GET_SYSTEM_TOPIC_LIST_FROM_BROKER.
 */
public final class TopicAdminProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdminProcessor.class);

    /** The most read or write queues a topic may have. */
    private static final int MAX_QUEUE_NUMS = 1024;

    private final BrokerConfig config;
    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final ConsumerManager consumers;
    private final MessageStore store;
    private final MasterLink master;
    private final Supplier<CompletableFuture<Integer>> registration;

    /**
     * @param master       a slave's master, named when it refuses changes
     * @param registration registers the broker with its name servers at once, completing when they answered
     */
    public TopicAdminProcessor(BrokerConfig config, TopicConfigManager topics, ConsumerOffsetManager offsets,
            ConsumerManager consumers, MessageStore store, MasterLink master,
            Supplier<CompletableFuture<Integer>> registration) {
        this.config = config;
        this.topics = topics;
        this.offsets = offsets;
        this.consumers = consumers;
        this.store = store;
        this.master = master;
        this.registration = registration;
    }

    /** The topic administration codes, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.UPDATE_AND_CREATE_TOPIC, (channel, request) -> createTopic(request),
                RequestCode.DELETE_TOPIC_IN_BROKER, (channel, request) -> deleteTopic(request),
                RequestCode.GET_ALL_TOPIC_CONFIG, (channel, request) -> RemotingCommand.response(null)
                        .body(BodyJson.encode(topics.snapshot())),
                RequestCode.GET_TOPIC_CONFIG, (channel, request) -> topicConfig(request),
                RequestCode.GET_TOPIC_STATS_INFO, (channel, request) -> topicStats(request),
                RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, (channel, request) -> consumedBy(request),
                RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, (channel, request) -> systemTopics());
    }

    private RemotingCommand createTopic(RemotingCommand request) throws RemotingCommandException {
        CreateTopicRequestHeader h = request.decodeHeader(CreateTopicRequestHeader.class);
        RemotingCommand refused = refuseChange(h.getTopic());
        if (refused != null) {
            return refused;
        }
        int read = h.getReadQueueNums() == null ? TopicConfig.DEFAULT_QUEUE_NUMS : h.getReadQueueNums();
        int write = h.getWriteQueueNums() == null ? TopicConfig.DEFAULT_QUEUE_NUMS : h.getWriteQueueNums();
        if (read <= 0 || write <= 0 || read > MAX_QUEUE_NUMS || write > MAX_QUEUE_NUMS) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "queue numbers must be 1.." + MAX_QUEUE_NUMS
                    + ", were read " + read + " write " + write);
        }
        TopicFilterType filterType;
        try {
            filterType = h.getTopicFilterType() == null ? TopicFilterType.SINGLE_TAG
                    : TopicFilterType.valueOf(h.getTopicFilterType());
        } catch (IllegalArgumentException e) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "unknown topicFilterType " + h.getTopicFilterType());
        }
        topics.update(new TopicConfig(h.getTopic(), read, write, h.getPerm() == null ? Permission.READ_WRITE : h.getPerm(), filterType,
                h.getTopicSysFlag() == null ? 0 : h.getTopicSysFlag(), Boolean.TRUE.equals(h.getOrder())));
        awaitRegistration(h.getTopic());
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    /**
     * Answers a topic change only once the name servers know it, as RocketMQ does, so that a route query right
     * after {@code updateTopic} finds the topic; a name server that does not answer in time delays the answer but
     * never fails it.
     */
    private void awaitRegistration(String topic) {
        long timeout = config.getRegisterBrokerTimeoutMills() + 1000L;
        try {
            registration.get().get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("topic {} changed, but its registration with the name servers did not finish within {} ms: {}",
                    topic, timeout, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RemotingCommand deleteTopic(RemotingCommand request) throws RemotingCommandException {
        DeleteTopicRequestHeader h = request.decodeHeader(DeleteTopicRequestHeader.class);
        RemotingCommand refused = refuseChange(h.getTopic());
        if (refused != null) {
            return refused;
        }
        topics.delete(h.getTopic());
        offsets.removeTopic(h.getTopic());
        store.deleteTopics(Set.of(h.getTopic()));
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    /** Why a topic may not be created or deleted here, or {@code null}. */
    private RemotingCommand refuseChange(String topic) {
        if (config.getBrokerRole() == BrokerRole.SLAVE) {
            return StatusResponses.slaveAdminRefusal(master);
        }
        String problem = TopicValidator.problemWith(topic);
        if (problem != null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, problem);
        }
        if (SystemTopics.isSystemTopic(topic) || topic.equals(config.getBrokerClusterName())
                || topic.equals(config.getBrokerName())) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "The topic[" + topic + "] is conflict with system topic.");
        }
        return null;
    }

    /**
     * One topic's config, as RocketMQ 5.x answers it: the topic config JSON, which is its
     * {@code TopicConfigAndQueueMapping} body without a {@code mappingDetail} (we have no static topics).
     */
    private RemotingCommand topicConfig(RemotingCommand request) throws RemotingCommandException {
        GetTopicConfigRequestHeader h = request.decodeHeader(GetTopicConfigRequestHeader.class);
        TopicConfig topic = topics.select(h.getTopic());
        if (topic == null) {
            return StatusResponses.error(ResponseCode.TOPIC_NOT_EXIST, "No topic in this broker. topic: "
                    + h.getTopic());
        }
        return RemotingCommand.response(null).body(BodyJson.encode(topic));
    }

    private RemotingCommand topicStats(RemotingCommand request) throws RemotingCommandException {
        GetTopicStatsInfoRequestHeader h = request.decodeHeader(GetTopicStatsInfoRequestHeader.class);
        TopicConfig topic = topics.select(h.getTopic());
        if (topic == null) {
            return StatusResponses.error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + h.getTopic() + "] not exist");
        }
        Map<MessageQueue, TopicOffset> table = new HashMap<>();
        store.awaitDispatched();
        for (int q = 0; q < topic.getWriteQueueNums(); q++) {
            TopicOffset offset = new TopicOffset();
            offset.setMinOffset(Math.max(0, store.getMinOffsetInQueue(h.getTopic(), q)));
            long max = Math.max(0, store.getMaxOffsetInQueue(h.getTopic(), q));
            offset.setMaxOffset(max);
            offset.setLastUpdateTimestamp(max > 0 ? store.getMessageStoreTimestamp(h.getTopic(), q, max - 1) : 0);
            table.put(new MessageQueue(h.getTopic(), config.getBrokerName(), q), offset);
        }
        TopicStatsTable stats = new TopicStatsTable();
        stats.setOffsetTable(table);
        return RemotingCommand.response(null).body(BodyJson.encode(stats));
    }

    private RemotingCommand consumedBy(RemotingCommand request) throws RemotingCommandException {
        QueryTopicConsumeByWhoRequestHeader h = request.decodeHeader(QueryTopicConsumeByWhoRequestHeader.class);
        Set<String> groups = new HashSet<>(consumers.groupsSubscribing(h.getTopic()));
        groups.addAll(offsets.groupsOf(h.getTopic()));
        GroupList list = new GroupList();
        list.setGroupList(groups);
        return RemotingCommand.response(null).body(list.encode());
    }

    private RemotingCommand systemTopics() {
        Set<String> names = new TreeSet<>();
        for (String name : topics.topics().keySet()) {
            if (SystemTopics.isSystemTopic(name) || name.equals(config.getBrokerClusterName())
                    || name.equals(config.getBrokerName())) {
                names.add(name);
            }
        }
        return RemotingCommand.response(null).body(BodyJson.encode(new TopicList(names, null)));
    }
}
