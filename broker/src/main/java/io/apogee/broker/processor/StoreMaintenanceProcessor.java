package io.apogee.broker.processor;

import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.store.MessageStore;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin tools' store clean-ups: CLEAN_UNUSED_TOPIC ({@code mqadmin cleanUnusedTopic}),
 * CLEAN_EXPIRED_CONSUMEQUEUE ({@code mqadmin cleanExpiredCQ}) and DELETE_EXPIRED_COMMITLOG
 * ({@code mqadmin deleteExpiredCommitLog}). All answer success, as RocketMQ does. CLEAN_EXPIRED_CONSUMEQUEUE drops
 * the consume queues of topics that are gone, as CLEAN_UNUSED_TOPIC: the queue files below the commit log's start,
 * RocketMQ's other half of it, go with every commit-log deletion already.
 */
public final class StoreMaintenanceProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenanceProcessor.class);

    private final TopicConfigManager topics;
    private final MessageStore store;

    public StoreMaintenanceProcessor(TopicConfigManager topics, MessageStore store) {
        this.topics = topics;
        this.store = store;
    }

    /** The clean-up codes, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.CLEAN_UNUSED_TOPIC, (channel, request) -> cleanUnusedTopics(),
                RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE, (channel, request) -> cleanUnusedTopics(),
                RequestCode.DELETE_EXPIRED_COMMITLOG, (channel, request) -> {
                    int deleted = store.deleteExpiredFiles();
                    LOG.info("DELETE_EXPIRED_COMMITLOG from {}: {} commit-log file(s) deleted",
                            channel.remoteAddress(), deleted);
                    return RemotingCommand.response(ResponseCode.SUCCESS, null);
                });
    }

    /** Deletes the consume queues of topics this broker no longer has (system topics are kept). */
    private RemotingCommand cleanUnusedTopics() {
        Set<String> unused = store.queuedTopics().stream()
                .filter(topic -> topics.select(topic) == null && !SystemTopics.isSystemTopic(topic))
                .collect(Collectors.toSet());
        if (!unused.isEmpty()) {
            store.deleteTopics(unused);
            LOG.info("CLEAN_UNUSED_TOPIC: deleted the consume queues of {}", unused);
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }
}
