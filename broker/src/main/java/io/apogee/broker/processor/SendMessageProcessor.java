package io.apogee.broker.processor;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.config.BrokerRole;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.message.StoredProperties;
import io.apogee.broker.metrics.MessageMeters;
import io.apogee.broker.metrics.MessageType;
import io.apogee.broker.schedule.ScheduleMessageService;
import io.apogee.broker.slave.MasterLink;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.broker.transaction.TransactionalMessageService;
import io.apogee.common.message.BatchBodyCodec;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.TopicValidator;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.netty.Channels;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.Reply;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.remoting.protocol.header.SendMessageResponseHeader;
import io.apogee.common.topic.Permission;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * SEND_MESSAGE, SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE: validates the topic and queue (creating the topic from TBW102
 * when allowed), redirects exhausted retries to the dead-letter topic, parks delayed messages in the schedule topic
 * and transactional ones as half messages, appends, and answers once the store has the message with the durability
 * asked for (the reply completes when the store has it, so a SYNC_FLUSH wait holds no thread).
 */
public final class SendMessageProcessor {

    private final Supplier<BrokerConfig> config;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final MessageStore store;
    private final BrokerStats stats;
    private final InetSocketAddress storeHost;
    private final int maxMessageSize;
    private final TransactionalMessageService halves;
    private final int delayLevels;
    private final MasterLink master;
    private final MessageMeters meters;

    /**
     * @param delayLevels how many delay levels {@code messageDelayLevel} defines
     * @param master      a slave's master, named when it refuses sends
     * @param meters      counts what is stored
     */
    public SendMessageProcessor(Supplier<BrokerConfig> config, TopicConfigManager topics,
            SubscriptionGroupManager groups, MessageStore store, BrokerStats stats, InetSocketAddress storeHost,
            int maxMessageSize, TransactionalMessageService halves, int delayLevels, MasterLink master,
            MessageMeters meters) {
        this.config = config;
        this.topics = topics;
        this.groups = groups;
        this.store = store;
        this.stats = stats;
        this.storeHost = storeHost;
        this.maxMessageSize = maxMessageSize;
        this.halves = halves;
        this.delayLevels = delayLevels;
        this.master = master;
        this.meters = meters;
    }

    /**
     * SEND_MESSAGE (header V1), SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE (header V2), each with its handler. A header
     * with {@code batch=true} makes any of them a batch, as RocketMQ dispatches on that flag: a plain body under it is
     * refused, not stored as one message.
     */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.SEND_MESSAGE, (channel, request) -> send(channel, request,
                        request.decodeHeader(SendMessageRequestHeader.class)),
                RequestCode.SEND_MESSAGE_V2, (channel, request) -> send(channel, request,
                        request.decodeHeader(SendMessageRequestHeaderV2.class).toV1()),
                RequestCode.SEND_BATCH_MESSAGE, (channel, request) -> send(channel, request,
                        request.decodeHeader(SendMessageRequestHeaderV2.class).toV1(), true));
    }

    private Reply send(Channel channel, RemotingCommand request, SendMessageRequestHeader header) {
        return send(channel, request, header, header.isBatch());
    }

    /** Checks and appends the message (or batch); the reply completes once the store has it. */
    private Reply send(Channel channel, RemotingCommand request, SendMessageRequestHeader header, boolean batch) {
        Target target = new Target(header.getTopic(), header.getQueueId());
        RemotingCommand refused = check(channel, header, target);
        if (refused != null) {
            return refused;
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        CompletableFuture<PutMessageResult> put;
        if (batch) {
            if (body.length > maxMessageSize) {
                return StatusResponses.error(ResponseCode.MESSAGE_ILLEGAL, "the batch body size " + body.length
                        + " is over max value, MAX: " + maxMessageSize
                        + " (maxMessageSize; a batch is refused whole: send smaller batches)");
            }
            List<MessageExt> messages;
            try {
                messages = batchMessages(channel, header, target, body);
            } catch (IllegalArgumentException e) {
                return StatusResponses.error(ResponseCode.MESSAGE_ILLEGAL, e.getMessage());
            }
            put = store.putMessages(messages);
        } else {
            if (body.length > maxMessageSize) {
                return StatusResponses.error(ResponseCode.MESSAGE_ILLEGAL,
                        "the message body size over max value, MAX: " + maxMessageSize);
            }
            MessageExt m = singleMessage(channel, header, target, body);
            target.type = MessageType.of(m, target.type);
            RemotingCommand refusedPark = park(m, target);
            if (refusedPark != null) {
                return refusedPark;
            }
            put = store.putMessage(m);
        }
        return Reply.later(put.handle((result, failure) -> answer(target, result, failure)));
    }

    /**
     * Parks a transactional send as a half message and a delayed one in the schedule topic. A client-side retry
     * redirected to the dead-letter topic keeps its DELAY too: Apache 4.9.7 applies the header's properties after
     * its dead-letter redirect, so such a message reaches {@code %DLQ%<group>} only after its level's delay (observed
     * with an orderly consumer's exhausted retries), and clients see the same timing here.
     *
     * @return a refusal, or {@code null}
     */
    private RemotingCommand park(MessageExt m, Target target) {
        if (TransactionalMessageService.isPrepared(m)) {
            if (config.get().isRejectTransactionMessage()) {
                return StatusResponses.error(ResponseCode.NO_PERMISSION,
                        "the broker[" + config.get().getBrokerName() + "] sending transaction message is forbidden");
            }
            halves.toHalf(m);
        } else {
            ScheduleMessageService.toSchedule(m, delayLevels);
        }
        return null;
    }

    /** Where the message goes; the dead-letter redirect may change it. */
    private static final class Target {
        String topic;
        int queueId;
        MessageType type = MessageType.NORMAL;
        /** The group whose dead-letter topic an exhausted retry was redirected to, and the retry's original topic. */
        String deadLetterGroup;
        String deadLetterOrigin;

        Target(String topic, Integer queueId) {
            this.topic = topic;
            this.queueId = queueId == null ? -1 : queueId;
        }
    }

    private RemotingCommand check(Channel channel, SendMessageRequestHeader header, Target target) {
        if (config.get().getBrokerRole() == BrokerRole.SLAVE) {
            return StatusResponses.slaveSendRefusal(config.get().getBrokerName(), master);
        }
        if (!Permission.isWriteable(config.get().getBrokerPermission())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "the broker[" + config.get().getBrokerName() + "] sending message is forbidden");
        }
        String problem = TopicValidator.problemWith(target.topic);
        if (problem != null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, problem);
        }
        if (SystemTopics.isNotAllowedToSend(target.topic)) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "Sending message to topic[" + target.topic + "] is forbidden.");
        }
        TopicConfig topic = resolveTopic(header, target.topic);
        if (topic == null) {
            return StatusResponses.error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + target.topic
                    + "] not exist, apply first please! create it with updateTopic or enable autoCreateTopicEnable");
        }
        if (!Permission.isWriteable(topic.getPerm())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "the topic[" + target.topic + "] sending message is forbidden");
        }
        target.type = topic.isOrder() ? MessageType.FIFO : MessageType.NORMAL;
        int queueNums = Math.max(topic.getReadQueueNums(), topic.getWriteQueueNums());
        if (target.queueId >= queueNums) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "request queueId[" + target.queueId
                    + "] is illegal, " + topic + " Producer: " + Channels.remoteAddress(channel));
        }
        if (target.queueId < 0) {
            target.queueId = ThreadLocalRandom.current().nextInt(Math.max(1, topic.getWriteQueueNums()));
        }
        return SystemTopics.isRetryTopic(target.topic) ? redirectExhaustedRetry(header, target) : null;
    }

    private TopicConfig resolveTopic(SendMessageRequestHeader header, String topic) {
        TopicConfig existing = topics.select(topic);
        if (existing != null) {
            return existing;
        }
        if (SystemTopics.isRetryTopic(topic)) {
            SubscriptionGroupConfig group = groups.findOrCreate(topic.substring(
                    SystemTopics.RETRY_GROUP_TOPIC_PREFIX.length()));
            return group == null ? null
                    : topics.createInternal(topic, group.getRetryQueueNums(), Permission.READ_WRITE);
        }
        int clientQueueNums = header.getDefaultTopicQueueNums() == null ? 4 : header.getDefaultTopicQueueNums();
        String defaultTopic = header.getDefaultTopic() == null ? SystemTopics.AUTO_CREATE_TOPIC_KEY
                : header.getDefaultTopic();
        return topics.createOnSend(topic, defaultTopic, clientQueueNums, 0);
    }

    /** A retry of a retry topic past the group's max reconsume times goes to the group's dead-letter topic. */
    private RemotingCommand redirectExhaustedRetry(SendMessageRequestHeader header, Target target) {
        String group = target.topic.substring(SystemTopics.RETRY_GROUP_TOPIC_PREFIX.length());
        SubscriptionGroupConfig groupConfig = groups.findOrCreate(group);
        if (groupConfig == null) {
            return StatusResponses.error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group not exist, " + group);
        }
        int times = header.getReconsumeTimes() == null ? 0 : header.getReconsumeTimes();
        if (DeadLetters.exhausted(times, header.getMaxReconsumeTimes(), groupConfig)) {
            String origin = header.getProperties() == null ? null
                    : PropertiesCodec.find(header.getProperties(), MessageProperty.RETRY_TOPIC);
            target.deadLetterOrigin = origin != null ? origin : target.topic;
            target.deadLetterGroup = group;
            target.topic = DeadLetters.topic(topics, group).getTopicName();
            target.queueId = 0;
        }
        return null;
    }

    /** The message of a SEND_MESSAGE(_V2): its properties stored as {@link StoredProperties#ofSingle} builds them. */
    private MessageExt singleMessage(Channel channel, SendMessageRequestHeader header, Target target,
            byte[] body) {
        String sent = header.getProperties() == null ? "" : header.getProperties();
        MessageExt m = message(channel, header, target, body, header.getFlag(),
                StoredProperties.ofSingle(sent, config.get().getBrokerClusterName()));
        m.setAppendWaitsForFlush(StoredProperties.waitStoreMsgOk(sent));
        return m;
    }

    private MessageExt message(Channel channel, SendMessageRequestHeader header, Target target, byte[] body,
            Integer flag, String storedProperties) {
        MessageExt m = new MessageExt();
        m.setTopic(target.topic);
        m.setQueueId(target.queueId);
        m.setBody(body);
        m.setFlag(flag == null ? 0 : flag);
        m.setPropertiesString(storedProperties);
        m.setSysFlag(header.getSysFlag() == null ? 0 : header.getSysFlag());
        m.setBornTimestamp(header.getBornTimestamp() == null ? System.currentTimeMillis() : header.getBornTimestamp());
        m.setBornHost((InetSocketAddress) channel.remoteAddress());
        m.setStoreHost(storeHost);
        m.setReconsumeTimes(header.getReconsumeTimes() == null ? 0 : header.getReconsumeTimes());
        return m;
    }

    /**
     * The batch's messages, each storing its own properties with the batch-level ones appended
     * ({@link StoredProperties#ofBatchEntry}). Whether the append waits is the last {@code WAIT} among the stored
     * properties: the batch-level one when the header has it.
     *
     * @throws IllegalArgumentException when the batch is illegal; the message is the remark that says why
     */
    private List<MessageExt> batchMessages(Channel channel, SendMessageRequestHeader header, Target target,
            byte[] body) {
        List<BatchBodyCodec.Entry> entries;
        try {
            entries = BatchBodyCodec.decode(ByteBuffer.wrap(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the batch body does not parse as a message batch: " + e.getMessage(),
                    e);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the batch body holds no message");
        }
        String batchProps = header.getProperties() == null ? "" : header.getProperties();
        String cluster = config.get().getBrokerClusterName();
        List<MessageExt> messages = new ArrayList<>(entries.size());
        for (BatchBodyCodec.Entry entry : entries) {
            String own = entry.properties() == null ? "" : entry.properties();
            MessageExt m = message(channel, header, target, entry.body(), entry.flag(),
                    StoredProperties.ofBatchEntry(own, batchProps, cluster));
            if (m.getDelayTimeLevel() > 0) {
                throw new IllegalArgumentException("a batch may not hold delayed messages");
            }
            if (entry.body().length > maxMessageSize) {
                throw new IllegalArgumentException("the message body size over max value, MAX: " + maxMessageSize);
            }
            messages.add(m);
        }
        return messages;
    }

    private RemotingCommand answer(Target target, PutMessageResult result, Throwable failure) {
        RemotingCommand response = StatusResponses.putRefusal(result, failure, maxMessageSize,
                store::describeDiskUse);
        if (response != null) {
            stats.recordPutFailure();
        } else {
            stats.recordPut(target.topic, result.msgNum(), result.wroteBytes());
            meters.sent(target.topic, target.type, result.msgNum(), result.wroteBytes());
            if (target.deadLetterGroup != null) {
                meters.deadLettered(target.deadLetterOrigin, target.deadLetterGroup);
            }
            SendMessageResponseHeader header = new SendMessageResponseHeader();
            header.setMsgId(result.msgId());
            header.setQueueId(target.queueId);
            header.setQueueOffset(result.queueOffset());
            response = RemotingCommand.response(header).code(StatusResponses.sendCode(result.status()))
                    .addExtField(MessageProperty.MSG_REGION, config.get().getRegionId())
                    .addExtField(MessageProperty.TRACE_SWITCH, String.valueOf(config.get().isTraceOn()));
        }
        return response;
    }
}
