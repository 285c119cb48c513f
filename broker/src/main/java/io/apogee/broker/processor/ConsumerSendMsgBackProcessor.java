package io.apogee.broker.processor;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.message.MessageCopy;
import io.apogee.broker.metrics.MessageMeters;
import io.apogee.broker.schedule.ScheduleMessageService;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.Reply;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.common.topic.Permission;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * CONSUMER_SEND_MSG_BACK: a consumer could not consume a message, so a copy goes to the group's retry topic with
 * {@code reconsumeTimes + 1}, delayed by the asked level or {@code 3 + reconsumeTimes}; past the max reconsume times
 * (or for a negative level) it goes to the group's dead-letter topic instead, undelayed.
 */
public final class ConsumerSendMsgBackProcessor {

    /** The level of a first retry when the consumer asks for none; later retries add their reconsume times. */
    private static final int RETRY_BASE_LEVEL = 3;

    private final Supplier<BrokerConfig> config;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final MessageStore store;
    private final int delayLevels;
    private final int maxMessageSize;
    private final MessageMeters meters;

    /**
     * @param delayLevels    how many delay levels {@code messageDelayLevel} defines
     * @param maxMessageSize the store's {@code maxMessageSize} (named in a refusal's remark)
     * @param meters         counts dead letters
     */
    public ConsumerSendMsgBackProcessor(Supplier<BrokerConfig> config, TopicConfigManager topics,
            SubscriptionGroupManager groups, MessageStore store, int delayLevels, int maxMessageSize,
            MessageMeters meters) {
        this.config = config;
        this.topics = topics;
        this.groups = groups;
        this.store = store;
        this.delayLevels = delayLevels;
        this.maxMessageSize = maxMessageSize;
        this.meters = meters;
    }

    /** CONSUMER_SEND_MSG_BACK with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(RequestCode.CONSUMER_SEND_MSG_BACK, (channel, request) -> sendBack(request));
    }

    /** Stores the retry (or dead-letter) copy; the reply completes once the store has it. */
    private Reply sendBack(RemotingCommand request) throws RemotingCommandException {
        ConsumerSendMsgBackRequestHeader header = request.decodeHeader(ConsumerSendMsgBackRequestHeader.class);
        SubscriptionGroupConfig group = groups.findOrCreate(header.getGroup());
        if (group == null) {
            return StatusResponses.error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group not exist, " + header.getGroup());
        }
        if (!Permission.isWriteable(config.get().getBrokerPermission())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "the broker[" + config.get().getBrokerName() + "] sending message is forbidden");
        }
        if (group.getRetryQueueNums() <= 0) {
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }
        MessageExt failed = store.lookMessageByOffset(header.getOffset());
        if (failed == null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "look message by offset failed, " + header.getOffset());
        }
        int level = header.getDelayLevel() == null ? 0 : header.getDelayLevel();
        boolean dead = level < 0
                || DeadLetters.exhausted(failed.getReconsumeTimes(), header.getMaxReconsumeTimes(), group);
        TopicConfig target = dead ? DeadLetters.topic(topics, header.getGroup())
                : topics.createInternal(SystemTopics.retryTopic(header.getGroup()), group.getRetryQueueNums(),
                        Permission.READ_WRITE);
        String topic = target.getTopicName();
        if (!Permission.isWriteable(target.getPerm())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "the topic[" + topic + "] sending message is forbidden");
        }
        MessageExt retry = retryCopy(failed, topic,
                ThreadLocalRandom.current().nextInt(Math.max(1, target.getWriteQueueNums())));
        if (!dead) {
            retry.putProperty(MessageProperty.DELAY_TIME_LEVEL,
                    String.valueOf(level == 0 ? RETRY_BASE_LEVEL + failed.getReconsumeTimes() : level));
            ScheduleMessageService.toSchedule(retry, delayLevels);
        }
        String originTopic = dead ? failed.getProperty(MessageProperty.RETRY_TOPIC) : null;
        return Reply.later(store.putMessage(retry).handle((result, failure) -> {
            RemotingCommand response = answer(result, failure);
            if (dead && response.code() == ResponseCode.SUCCESS) {
                meters.deadLettered(originTopic, header.getGroup());
            }
            return response;
        }));
    }

    /** The copy to store: original topic and first id kept in properties, one more reconsume time. */
    private static MessageExt retryCopy(MessageExt failed, String topic, int queueId) {
        failed.getProperties().putIfAbsent(MessageProperty.RETRY_TOPIC, failed.getTopic());
        failed.getProperties().putIfAbsent(MessageProperty.ORIGIN_MESSAGE_ID, failed.getOffsetMsgId());
        failed.getProperties().put(MessageProperty.WAIT_STORE_MSG_OK, "false");
        MessageExt retry = MessageCopy.of(failed, topic, queueId);
        retry.setReconsumeTimes(failed.getReconsumeTimes() + 1);
        return retry;
    }

    private RemotingCommand answer(PutMessageResult result, Throwable failure) {
        RemotingCommand refusal = StatusResponses.putRefusal(result, failure, maxMessageSize,
                store::describeDiskUse);
        return refusal != null ? refusal : RemotingCommand.response(ResponseCode.SUCCESS, null);
    }
}
