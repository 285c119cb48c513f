package io.apogee.broker.processor;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.config.BrokerRole;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.filter.PropertyFilters;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.longpolling.HeldPull;
import io.apogee.broker.longpolling.PullRequestHoldService;
import io.apogee.broker.metrics.MessageMeters;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.Reply;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.topic.Permission;
import io.apogee.store.GetMessageResult;
import io.apogee.store.GetMessageStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PULL_MESSAGE (and 5.x's LITE_PULL_MESSAGE): checks group, topic, queue and subscription, reads from the store with
 * the subscription's tag or SQL92 filter, commits the consumer's offset when asked, and parks a pull that found nothing new
 * (long polling) until a matching message arrives or its suspend time passes.
 */
public final class PullMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(PullMessageProcessor.class);

    private final Supplier<BrokerConfig> config;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final ConsumerManager consumers;
    private final ConsumerOffsetManager offsets;
    private final MessageStore store;
    private final BrokerStats stats;
    private final MessageMeters meters;
    private final PropertyFilters propertyFilters;
    private PullRequestHoldService holds;
    private Executor replayExecutor;

    public PullMessageProcessor(Supplier<BrokerConfig> config, TopicConfigManager topics,
            SubscriptionGroupManager groups, ConsumerManager consumers, ConsumerOffsetManager offsets,
            MessageStore store, BrokerStats stats, MessageMeters meters, PropertyFilters propertyFilters) {
        this.config = config;
        this.topics = topics;
        this.groups = groups;
        this.consumers = consumers;
        this.offsets = offsets;
        this.store = store;
        this.stats = stats;
        this.meters = meters;
        this.propertyFilters = propertyFilters;
    }

    /** Wires long polling: where pulls are held and which executor replays them. */
    public void useLongPolling(PullRequestHoldService holds, Executor replayExecutor) {
        this.holds = holds;
        this.replayExecutor = replayExecutor;
    }

    /** PULL_MESSAGE and LITE_PULL_MESSAGE, one handler for both. */
    public Map<Integer, RequestProcessor> handlers() {
        RequestProcessor pull = (channel, request) -> pull(channel, request, true);
        return Map.of(RequestCode.PULL_MESSAGE, pull, RequestCode.LITE_PULL_MESSAGE, pull);
    }

    /**
     * Runs a held pull again, without suspending it a second time, and completes its response: with the pull's
     * answer; exceptionally when the replay throws (the endpoint answers SYSTEM_ERROR with the reason); with
     * SYSTEM_BUSY when the pull executor is full; with SYSTEM_ERROR, without reading, when the consumer is gone.
     */
    public void replay(HeldPull held) {
        if (!held.channel().isActive()) {
            held.response().complete(StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "the consumer disconnected while its pull was held"));
            return;
        }
        try {
            replayExecutor.execute(() -> {
                try {
                    // allowSuspend false: a replay is answered now, never held again.
                    held.response().complete((RemotingCommand) pull(held.channel(), held.request(), false));
                } catch (Exception | LinkageError | AssertionError e) {
                    held.response().completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("pull executor full: held pull from {} answered SYSTEM_BUSY", held.channel().remoteAddress());
            held.response().complete(StatusResponses.error(ResponseCode.SYSTEM_BUSY,
                    "[OVERLOAD]pull executor full, pull again later"));
        }
    }

    private Reply pull(Channel channel, RemotingCommand request, boolean allowSuspend)
            throws RemotingCommandException {
        PullMessageRequestHeader header = request.decodeHeader(PullMessageRequestHeader.class);
        if (!Permission.isReadable(config.get().getBrokerPermission())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "the broker[" + config.get().getBrokerName() + "] pulling message is forbidden");
        }
        SubscriptionGroupConfig group = groups.findOrCreate(header.getConsumerGroup());
        if (group == null) {
            return StatusResponses.error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group [" + header.getConsumerGroup() + "] does not exist, and this broker does"
                            + " not create groups (autoCreateSubscriptionGroup=false): create it with mqadmin"
                            + " updateSubGroup -c " + config.get().getBrokerClusterName() + " -g "
                            + header.getConsumerGroup());
        }
        if (!group.isConsumeEnable()) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "subscription group no permission, " + header.getConsumerGroup());
        }
        TopicConfig topic = topics.select(header.getTopic());
        if (topic == null) {
            return StatusResponses.error(ResponseCode.TOPIC_NOT_EXIST,
                    "topic[" + header.getTopic() + "] not exist, apply first please!");
        }
        if (!Permission.isReadable(topic.getPerm())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "the topic[" + header.getTopic() + "] pulling message is forbidden");
        }
        int queueId = header.getQueueId();
        if (queueId < 0 || queueId >= topic.getReadQueueNums()) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "queueId[" + queueId + "] is illegal, topic:["
                    + header.getTopic() + "] topicConfig.readQueueNums:[" + topic.getReadQueueNums() + "] consumer:["
                    + channel.remoteAddress() + "]");
        }
        SubscriptionLookup subscription = subscription(header);
        if (subscription.refusal() != null) {
            return subscription.refusal();
        }
        MessageFilter filter = subscription.filter();
        long offset = header.getQueueOffset();
        GetMessageResult result = store.getMessage(header.getConsumerGroup(), header.getTopic(), queueId, offset,
                header.getMaxMsgNums(), filter);
        if (pastDispatchedEnd(result.status()) && store.awaitDispatched()) {
            // Read your writes: an acknowledged send may not have reached the queue yet; read again once it has.
            result = store.getMessage(header.getConsumerGroup(), header.getTopic(), queueId, offset,
                    header.getMaxMsgNums(), filter);
        }
        int sysFlag = header.getSysFlag();
        if (allowSuspend && (sysFlag & PullMessageRequestHeader.FLAG_COMMIT_OFFSET) != 0
                && config.get().getBrokerRole() != BrokerRole.SLAVE) {
            offsets.commitOffset(header.getConsumerGroup(), header.getTopic(), queueId, header.getCommitOffset());
        }
        int code = StatusResponses.pullCode(result.status(), offset);
        boolean suspend = (sysFlag & PullMessageRequestHeader.FLAG_SUSPEND) != 0;
        if (code == ResponseCode.PULL_NOT_FOUND && allowSuspend && suspend && holds != null) {
            long hold = config.get().isLongPollingEnable() ? header.getSuspendTimeoutMillis()
                    : config.get().getShortPollingTimeMills();
            CompletableFuture<RemotingCommand> response = new CompletableFuture<>();
            holds.hold(new HeldPull(channel, request, header.getTopic(), queueId, offset, filter,
                    System.currentTimeMillis() + hold, response));
            return Reply.later(response);
        }
        store.countClientRead(result);
        return response(header, group, result, code);
    }

    /** Whether a read found nothing because it asked at or past the end of what has been dispatched. */
    private static boolean pastDispatchedEnd(GetMessageStatus status) {
        return switch (status) {
            case NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE, OFFSET_OVERFLOW_ONE, OFFSET_OVERFLOW_BADLY -> true;
            case FOUND, NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING, OFFSET_FOUND_NULL, OFFSET_TOO_SMALL -> false;
        };
    }

    /** The filter to read with, or the response refusing the pull. */
    private record SubscriptionLookup(MessageFilter filter, RemotingCommand refusal) {

        static SubscriptionLookup refused(int code, String remark) {
            return new SubscriptionLookup(null, StatusResponses.error(code, remark));
        }
    }

    private SubscriptionLookup subscription(PullMessageRequestHeader header) {
        if ((header.getSysFlag() & PullMessageRequestHeader.FLAG_SUBSCRIPTION) != 0) {
            return filterOf(header.getExpressionType(), header.getSubscription(),
                    () -> SubscriptionData.ofTags(header.getTopic(), header.getSubscription()));
        }
        ConsumerGroupInfo info = consumers.group(header.getConsumerGroup());
        if (info == null) {
            return SubscriptionLookup.refused(ResponseCode.SUBSCRIPTION_NOT_EXIST,
                    "the consumer's group info not exist, group: " + header.getConsumerGroup());
        }
        SubscriptionData data = info.subscription(header.getTopic());
        if (data == null) {
            return SubscriptionLookup.refused(ResponseCode.SUBSCRIPTION_NOT_EXIST,
                    "the consumer's subscription not exist, group: " + header.getConsumerGroup() + " topic: "
                            + header.getTopic());
        }
        if (header.getSubVersion() != null && data.getSubVersion() < header.getSubVersion()) {
            return SubscriptionLookup.refused(ResponseCode.SUBSCRIPTION_NOT_LATEST,
                    "the consumer's subscription not latest");
        }
        return filterOf(data.getExpressionType(), data.getSubString(), () -> data);
    }

    /** The tag filter of a tag subscription, else the SQL92 filter (or its refusal) of the expression. */
    private SubscriptionLookup filterOf(String expressionType, String expression, Supplier<SubscriptionData> tags) {
        if (PropertyFilters.isTagType(expressionType)) {
            return new SubscriptionLookup(filterOf(tags.get()), null);
        }
        PropertyFilters.Outcome outcome = propertyFilters.compile(expressionType, expression);
        return outcome.filter() != null ? new SubscriptionLookup(outcome.filter(), null)
                : SubscriptionLookup.refused(outcome.code(), outcome.remark());
    }

    /** Tag-code filter of a subscription: everything for {@code *}, else the subscribed tags' hash codes. */
    static MessageFilter filterOf(SubscriptionData data) {
        Set<Integer> codes = data.getCodeSet();
        if (SubscriptionData.SUB_ALL.equals(data.getSubString()) || codes == null || codes.isEmpty()) {
            return MessageFilter.ALL;
        }
        return tagsCode -> codes.contains((int) tagsCode);
    }

    private RemotingCommand response(PullMessageRequestHeader request, SubscriptionGroupConfig group,
            GetMessageResult result, int code) {
        PullMessageResponseHeader header = new PullMessageResponseHeader();
        header.setNextBeginOffset(result.nextBeginOffset());
        header.setMinOffset(result.minOffset());
        header.setMaxOffset(result.maxOffset());
        header.setSuggestWhichBrokerId(suggestBroker(group, result));
        RemotingCommand response = RemotingCommand.response(header).code(code).remark(result.status().name());
        boolean found = code == ResponseCode.SUCCESS;
        if (found) {
            response.bodySlices(result.messages());
            stats.recordGet(request.getTopic(), request.getConsumerGroup(), result.messageCount(),
                    result.bufferTotalSize());
        }
        meters.pulled(request.getTopic(), request.getConsumerGroup(), request.getQueueId(),
                found ? result.messageCount() : 0, found ? result.bufferTotalSize() : 0, result.nextBeginOffset());
        return response;
    }

    private long suggestBroker(SubscriptionGroupConfig group, GetMessageResult result) {
        if (!config.get().isSlaveReadEnable()) {
            return 0;
        }
        return result.suggestPullingFromSlave() ? group.getWhichBrokerWhenConsumeSlowly() : group.getBrokerId();
    }
}
