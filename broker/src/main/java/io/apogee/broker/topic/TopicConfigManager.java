package io.apogee.broker.topic;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.config.BrokerRole;
import io.apogee.common.io.AtomicFile;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.DataVersion;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.common.topic.TopicFilterType;
import io.apogee.common.topic.Permission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's topics: the system topics RocketMQ brokers always have, topics created by admins or on first send
 * (from TBW102 when {@code autoCreateTopicEnable}), persisted to {@code topics.json}. Every change bumps the data
 * version and runs the change hook (the broker re-registers with the name servers).
 *
 * <p>{@code autoCreateTopicEnable} holds on an existing store too: a TBW102 loaded from {@code topics.json} gets its
 * INHERIT bit from the flag (dropped when it is false, as RocketMQ drops it at send time), and a send naming TBW102
 * as its template creates nothing while the flag is false.
 */
public final class TopicConfigManager {

    private static final Logger LOG = LoggerFactory.getLogger(TopicConfigManager.class);

    private final BrokerConfig config;
    private final AtomicFile file;
    private final Map<String, TopicConfig> topics = new ConcurrentHashMap<>();
    private final Runnable onChange;
    private volatile DataVersion dataVersion = DataVersion.initial(System.currentTimeMillis());

    /**
     * @param onChange run after a topic was created, updated or deleted (outside any lock)
     */
    public TopicConfigManager(BrokerConfig config, Path configDir, Runnable onChange) {
        this.config = config;
        this.file = new AtomicFile(configDir.resolve("topics.json"));
        this.onChange = onChange;
        addSystemTopics();
    }

    private void addSystemTopics() {
        int rw = Permission.READ_WRITE;
        int all = rw | Permission.INHERIT;
        if (config.isAutoCreateTopicEnable()) {
            put(topic(SystemTopics.AUTO_CREATE_TOPIC_KEY, config.getDefaultTopicQueueNums(), all));
        }
        put(topic(SystemTopics.SELF_TEST_TOPIC, 1, rw));
        put(topic(config.getBrokerClusterName(), 16, config.isClusterTopicEnable() ? all : Permission.INHERIT));
        put(topic(config.getBrokerName(), 1, config.isBrokerTopicEnable() ? all : Permission.INHERIT));
        put(topic(SystemTopics.BENCHMARK_TOPIC, 1024, rw));
        put(topic(SystemTopics.OFFSET_MOVED_EVENT, 1, rw));
        put(topic(SystemTopics.SCHEDULE_TOPIC, 18, rw));
        if (config.isTraceTopicEnable()) {
            put(topic(config.getMsgTraceTopicName(), 1, rw));
        }
        put(topic(config.getBrokerClusterName() + SystemTopics.REPLY_TOPIC_SUFFIX, 1, rw));
    }

    private static TopicConfig topic(String name, int queues, int perm) {
        return new TopicConfig(name, queues, queues, perm, TopicFilterType.SINGLE_TAG, 0, false);
    }

    private void put(TopicConfig topic) {
        topics.put(topic.getTopicName(), topic);
    }

    /** Loads {@code topics.json}, if present, over the system topics. */
    public void load() throws IOException {
        String text = file.read().orElse(null);
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            TopicConfigSerializeWrapper saved = BodyJson.decode(text.getBytes(StandardCharsets.UTF_8),
                    TopicConfigSerializeWrapper.class);
            if (saved.topicConfigTable() != null) {
                topics.putAll(saved.topicConfigTable());
            }
            if (saved.dataVersion() != null) {
                dataVersion = saved.dataVersion();
            }
        } catch (RemotingCommandException e) {
            throw new IOException("cannot parse " + file.path() + ": " + e.getMessage(), e);
        }
        LOG.info("loaded {} topics from {}", topics.size(), file.path());
        inheritFromFlag();
    }

    /**
     * Makes a loaded TBW102 inheritable exactly when {@code autoCreateTopicEnable} is on, persisting a change. Not on a
     * slave: it keeps its master's table as copied (and takes no sends).
     */
    private void inheritFromFlag() {
        TopicConfig template = topics.get(SystemTopics.AUTO_CREATE_TOPIC_KEY);
        if (template == null || config.getBrokerRole() == BrokerRole.SLAVE) {
            return;
        }
        boolean enabled = config.isAutoCreateTopicEnable();
        int perm = enabled ? template.getPerm() | Permission.INHERIT : template.getPerm() & ~Permission.INHERIT;
        if (perm == template.getPerm()) {
            return;
        }
        put(new TopicConfig(template.getTopicName(), template.getReadQueueNums(), template.getWriteQueueNums(), perm,
                template.getTopicFilterType(), template.getTopicSysFlag(), template.isOrder()));
        LOG.info("topic {} perm {} -> {}: autoCreateTopicEnable={}", template.getTopicName(), template.getPerm(), perm,
                enabled);
        changed();
    }

    /** The topic's config, or {@code null}. */
    public TopicConfig select(String topic) {
        return topics.get(topic);
    }

    /**
     * Creates {@code topic} for a send to a topic the broker does not have, from {@code defaultTopic} (TBW102) if it
     * exists and is inheritable: {@code min(clientQueueNums, defaultTopic.writeQueueNums)} queues, the default
     * topic's permission without INHERIT. TBW102 is no template while {@code autoCreateTopicEnable} is off.
     *
     * @return the new (or concurrently created) config, or {@code null} when auto-creation is not possible
     */
    public TopicConfig createOnSend(String topic, String defaultTopic, int clientQueueNums, int topicSysFlag) {
        TopicConfig existing = topics.get(topic);
        if (existing != null) {
            return existing;
        }
        if (SystemTopics.AUTO_CREATE_TOPIC_KEY.equals(defaultTopic) && !config.isAutoCreateTopicEnable()) {
            return null;
        }
        TopicConfig template = topics.get(defaultTopic);
        if (template == null || (template.getPerm() & Permission.INHERIT) == 0) {
            return null;
        }
        int queues = Math.max(1, Math.min(clientQueueNums, template.getWriteQueueNums()));
        TopicConfig created = new TopicConfig(topic, queues, queues, template.getPerm() & ~Permission.INHERIT,
                template.getTopicFilterType(), topicSysFlag, false);
        return createIfAbsent(created, "auto-created on send from " + defaultTopic);
    }

    /** Creates a retry or dead-letter topic (or another internal topic) if it does not exist yet. */
    public TopicConfig createInternal(String topic, int queueNums, int perm) {
        TopicConfig existing = topics.get(topic);
        return existing != null ? existing
                : createIfAbsent(new TopicConfig(topic, queueNums, queueNums, perm, TopicFilterType.SINGLE_TAG, 0,
                        false), "created internally");
    }

    private TopicConfig createIfAbsent(TopicConfig created, String why) {
        TopicConfig previous = topics.putIfAbsent(created.getTopicName(), created);
        if (previous != null) {
            return previous;
        }
        LOG.info("topic {} {} ({} queues, perm {})", created.getTopicName(), why, created.getWriteQueueNums(),
                created.getPerm());
        changed();
        return created;
    }

    /** Creates or replaces a topic (UPDATE_AND_CREATE_TOPIC). */
    public void update(TopicConfig topic) {
        TopicConfig old = topics.put(topic.getTopicName(), topic);
        LOG.info("topic {} {}: {}", topic.getTopicName(), old == null ? "created" : "updated", topic);
        changed();
    }

    /** Deletes a topic; false when it did not exist. */
    public boolean delete(String topic) {
        if (topics.remove(topic) == null) {
            return false;
        }
        LOG.info("topic {} deleted", topic);
        changed();
        return true;
    }

    /**
     * A slave copying its master's topics (GET_ALL_TOPIC_CONFIG): when the master's data version differs from this
     * table's, the table becomes the master's, version included, and is persisted. Topics are put before the ones the
     * master lacks are removed, so a pull never misses a topic both have.
     *
     * @return whether anything changed
     */
    public synchronized boolean replaceFromMaster(TopicConfigSerializeWrapper master) {
        if (master.topicConfigTable() == null || master.dataVersion() == null
                || master.dataVersion().equals(dataVersion)) {
            return false;
        }
        topics.putAll(master.topicConfigTable());
        topics.keySet().retainAll(master.topicConfigTable().keySet());
        dataVersion = master.dataVersion();
        persist();
        return true;
    }

    /** The version of the topic table, bumped on every change. */
    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** A snapshot of every topic with the data version, as registration and GET_ALL_TOPIC_CONFIG send it. */
    public TopicConfigSerializeWrapper snapshot() {
        return new TopicConfigSerializeWrapper(new LinkedHashMap<>(topics), dataVersion);
    }

    /** Every topic's config. */
    public Map<String, TopicConfig> topics() {
        return topics;
    }

    private void changed() {
        dataVersion = dataVersion.next(System.currentTimeMillis());
        persist();
        onChange.run();
    }

    /** Writes {@code topics.json} atomically. */
    public synchronized void persist() {
        try {
            file.write(new String(BodyJson.encodeStandard(snapshot()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist topics to " + file.path(), e);
        }
    }
}
