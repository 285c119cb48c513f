package io.apogee.broker.processor;

import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.ConsumeQueueData;
import io.apogee.remoting.protocol.body.ConsumeStatsList;
import io.apogee.remoting.protocol.body.QueryConsumeQueueResponseBody;
import io.apogee.remoting.protocol.body.QueryConsumeTimeSpanBody;
import io.apogee.remoting.protocol.body.QueryCorrectionOffsetBody;
import io.apogee.remoting.protocol.body.QueueTimeSpan;
import io.apogee.remoting.protocol.header.CloneGroupOffsetRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumeStatsInBrokerHeader;
import io.apogee.remoting.protocol.header.QueryConsumeQueueRequestHeader;
import io.apogee.remoting.protocol.header.QueryConsumeTimeSpanRequestHeader;
import io.apogee.remoting.protocol.header.QueryCorrectionOffsetHeader;
import io.apogee.store.ConsumeQueueEntry;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Consumption progress across groups, the admin tools' view of it: GET_BROKER_CONSUME_STATS ({@code mqadmin
 * brokerConsumeStats}), QUERY_CONSUME_TIME_SPAN, QUERY_CORRECTION_OFFSET, CLONE_GROUP_OFFSET ({@code mqadmin
 * cloneGroupOffset}) and QUERY_CONSUME_QUEUE ({@code mqadmin queryCq}). Offsets come from the
 * {@link ConsumerOffsetManager}, queue ends, times and entries from the store.
 */
public final class ConsumeProgressProcessor {

    private final SubscriptionGroupManager groups;
    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final ConsumerManager consumers;
    private final MessageStore store;
    private final ConsumeStatsReader consumeStats;
    private final String brokerName;
    private final Supplier<String> brokerAddr;

    /**
     * @param brokerAddr this broker's {@code ip:port}, named in GET_BROKER_CONSUME_STATS' answer
     */
    public ConsumeProgressProcessor(BrokerConfig config, SubscriptionGroupManager groups, TopicConfigManager topics,
            ConsumerOffsetManager offsets, ConsumerManager consumers, MessageStore store, BrokerStats stats,
            Supplier<String> brokerAddr) {
        this.groups = groups;
        this.topics = topics;
        this.offsets = offsets;
        this.consumers = consumers;
        this.store = store;
        this.consumeStats = new ConsumeStatsReader(config.getBrokerName(), topics, offsets, store, stats);
        this.brokerName = config.getBrokerName();
        this.brokerAddr = brokerAddr;
    }

    /** The consumption progress codes, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.GET_BROKER_CONSUME_STATS, (channel, request) -> brokerConsumeStats(request),
                RequestCode.QUERY_CONSUME_TIME_SPAN, (channel, request) -> consumeTimeSpan(request),
                RequestCode.QUERY_CORRECTION_OFFSET, (channel, request) -> correctionOffset(request),
                RequestCode.CLONE_GROUP_OFFSET, (channel, request) -> cloneGroupOffset(request),
                RequestCode.QUERY_CONSUME_QUEUE, (channel, request) -> consumeQueue(request));
    }

    /**
     * Every subscription group's stats per topic it committed offsets in; with {@code isOrder} only ordered topics.
     * A topic the group's online members do not subscribe to is left out, as RocketMQ does.
     */
    private RemotingCommand brokerConsumeStats(RemotingCommand request) throws RemotingCommandException {
        boolean orderOnly = request.decodeHeader(GetConsumeStatsInBrokerHeader.class).isOrder();
        store.awaitDispatched();
        ConsumeStatsList body = new ConsumeStatsList();
        long totalDiff = 0;
        for (String group : groups.snapshot().getSubscriptionGroupTable().keySet()) {
            List<ConsumeStats> perTopic = new ArrayList<>();
            for (String topicName : offsets.topicsOf(group)) {
                TopicConfig topic = topics.select(topicName);
                if (topic == null || (orderOnly && !topic.isOrder()) || !subscribesOrOffline(group, topicName)) {
                    continue;
                }
                ConsumeStats stats = consumeStats.read(group, List.of(topicName));
                totalDiff += ConsumeStatsReader.totalDiff(stats);
                perTopic.add(stats);
            }
            body.getConsumeStatsList().add(Map.of(group, perTopic));
        }
        body.setBrokerAddr(brokerAddr.get());
        body.setTotalDiff(totalDiff);
        return RemotingCommand.response(null).body(body.encode());
    }

    /** Per write queue: the oldest and newest store times, the last consumed one and how late the next one is. */
    private RemotingCommand consumeTimeSpan(RemotingCommand request) throws RemotingCommandException {
        QueryConsumeTimeSpanRequestHeader h = request.decodeHeader(QueryConsumeTimeSpanRequestHeader.class);
        TopicConfig topic = topics.select(h.getTopic());
        if (topic == null) {
            return StatusResponses.error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + h.getTopic() + "] not exist");
        }
        List<QueueTimeSpan> spans = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int q = 0; q < topic.getWriteQueueNums(); q++) {
            QueueTimeSpan span = new QueueTimeSpan();
            span.setMessageQueue(new MessageQueue(h.getTopic(), brokerName, q));
            long minTime = store.getEarliestMessageTime(h.getTopic(), q);
            long maxOffset = store.getMaxOffsetInQueue(h.getTopic(), q);
            long consumerOffset = offsets.queryOffset(h.getGroup(), h.getTopic(), q);
            span.setMinTimeStamp(minTime);
            span.setMaxTimeStamp(store.getMessageStoreTimestamp(h.getTopic(), q, maxOffset - 1));
            span.setConsumeTimeStamp(consumerOffset > 0
                    ? store.getMessageStoreTimestamp(h.getTopic(), q, consumerOffset - 1) : minTime);
            // A group that never committed here is as late as the oldest retained message.
            long next = Math.max(consumerOffset, store.getMinOffsetInQueue(h.getTopic(), q));
            if (next < maxOffset) {
                long nextTime = store.getMessageStoreTimestamp(h.getTopic(), q, next);
                span.setDelayTime(nextTime > 0 ? now - nextTime : 0);
            }
            spans.add(span);
        }
        QueryConsumeTimeSpanBody body = new QueryConsumeTimeSpanBody();
        body.setConsumeTimeSpanSet(spans);
        return RemotingCommand.response(null).body(body.encode());
    }

    /**
     * Per queue, the lowest offset of every group but {@code filterGroups} (comma-separated); {@link Long#MAX_VALUE}
     * where {@code compareGroup} is behind it. Unlike RocketMQ 4.9, the filtered groups' offsets are left in place.
     */
    private RemotingCommand correctionOffset(RemotingCommand request) throws RemotingCommandException {
        QueryCorrectionOffsetHeader h = request.decodeHeader(QueryCorrectionOffsetHeader.class);
        Set<String> excluded = h.getFilterGroups() == null ? Set.of() : Arrays.stream(h.getFilterGroups().split(","))
                .map(String::trim).filter(g -> !g.isEmpty()).collect(Collectors.toSet());
        Map<Integer, Long> correction = offsets.lowestOffsets(h.getTopic(), excluded,
                q -> store.getMinOffsetInQueue(h.getTopic(), q));
        offsets.offsetsOf(h.getCompareGroup(), h.getTopic()).forEach((queueId, compared) -> {
            Long lowest = correction.get(queueId);
            if (lowest != null && lowest > compared) {
                correction.put(queueId, Long.MAX_VALUE);
            }
        });
        QueryCorrectionOffsetBody body = new QueryCorrectionOffsetBody();
        body.setCorrectionOffsets(correction);
        return RemotingCommand.response(null).body(BodyJson.encode(body));
    }

    /**
     * Copies {@code srcGroup}'s offsets to {@code destGroup} in {@code topic}, or in every topic the source group
     * committed in; unless {@code offline}, topics the source's online members do not subscribe to are skipped.
     */
    private RemotingCommand cloneGroupOffset(RemotingCommand request) throws RemotingCommandException {
        CloneGroupOffsetRequestHeader h = request.decodeHeader(CloneGroupOffsetRequestHeader.class);
        Set<String> topicNames = h.getTopic() == null || h.getTopic().isBlank()
                ? offsets.topicsOf(h.getSrcGroup()) : Set.of(h.getTopic());
        for (String topicName : topicNames) {
            boolean subscribed = h.isOffline() || subscribesOrOffline(h.getSrcGroup(), topicName);
            if (topics.select(topicName) != null && subscribed) {
                offsets.cloneOffsets(h.getSrcGroup(), h.getDestGroup(), topicName);
            }
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    /**
     * {@code count} entries of a consume queue from {@code index}, and with {@code consumerGroup} whether its online
     * subscription matches each (RocketMQ also sends its SQL filter data; Apogee has no SQL filters).
     */
    private RemotingCommand consumeQueue(RemotingCommand request) throws RemotingCommandException {
        QueryConsumeQueueRequestHeader h = request.decodeHeader(QueryConsumeQueueRequestHeader.class);
        var entries = store.readConsumeQueue(h.getTopic(), h.getQueueId(), h.getIndex(), h.getCount());
        if (entries.isEmpty()) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    String.format("%d@%s is not exist!", h.getQueueId(), h.getTopic()));
        }
        QueryConsumeQueueResponseBody body = new QueryConsumeQueueResponseBody();
        body.setMinQueueIndex(store.getMinOffsetInQueue(h.getTopic(), h.getQueueId()));
        body.setMaxQueueIndex(store.getMaxOffsetInQueue(h.getTopic(), h.getQueueId()));
        MessageFilter filter = null;
        if (h.getConsumerGroup() != null) {
            SubscriptionData subscription = consumers.subscription(h.getConsumerGroup(), h.getTopic());
            body.setSubscriptionData(subscription);
            if (subscription == null) {
                body.setFilterData(String.format("%s@%s is not online!", h.getConsumerGroup(), h.getTopic()));
            } else {
                filter = PullMessageProcessor.filterOf(subscription);
            }
        }
        if (entries.get().isEmpty()) {
            return RemotingCommand.response(ResponseCode.SUCCESS, String.format("Index %d of %d@%s is not exist!",
                    h.getIndex(), h.getQueueId(), h.getTopic()));
        }
        for (ConsumeQueueEntry entry : entries.get()) {
            ConsumeQueueData data = new ConsumeQueueData();
            data.setPhysicOffset(entry.commitLogOffset());
            data.setPhysicSize(entry.size());
            data.setTagsCode(entry.tagsCode());
            data.setEval(filter != null && filter.isMatchedByTagsCode(entry.tagsCode()));
            body.getQueueData().add(data);
        }
        return RemotingCommand.response(null).body(BodyJson.encode(body));
    }

    /** Whether the group has no online subscriptions at all, or its online members subscribe to {@code topic}. */
    private boolean subscribesOrOffline(String group, String topic) {
        ConsumerGroupInfo online = consumers.group(group);
        return online == null || online.subscriptions().isEmpty() || online.subscription(topic) != null;
    }
}
