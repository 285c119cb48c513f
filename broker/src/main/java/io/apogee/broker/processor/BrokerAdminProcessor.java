package io.apogee.broker.processor;

import io.apogee.broker.config.BrokerConfigUpdater;
import io.apogee.broker.config.BrokerConfigs;
import io.apogee.broker.client.ClientNotifier;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.common.message.MessageExt;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.KvTable;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.body.ResetOffsetBody;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.header.GetBrokerConfigResponseHeader;
import io.apogee.remoting.protocol.header.ResetOffsetRequestHeader;
import io.apogee.remoting.protocol.header.ViewBrokerStatsDataRequestHeader;
import io.apogee.store.MessageStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The broker as a whole: GET/UPDATE_BROKER_CONFIG, GET_BROKER_RUNTIME_INFO, VIEW_BROKER_STATS_DATA and
 * INVOKE_BROKER_TO_RESET_OFFSET.
 */
public final class BrokerAdminProcessor {

    private final Supplier<BrokerConfigs> configs;
    private final BrokerConfigUpdater configUpdater;
    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final ConsumerManager consumers;
    private final ClientNotifier notifier;
    private final MessageStore store;
    private final BrokerStats stats;
    private final Runnable configChanged;
    private final Supplier<Map<String, String>> replication;

    /**
     * @param configs       the configuration in force (GET_BROKER_CONFIG renders it)
     * @param configUpdater validates, persists and publishes UPDATE_BROKER_CONFIG's changes
     * @param configChanged run after an update was published (re-registration with the name servers)
     * @param replication   the replication entries of GET_BROKER_RUNTIME_INFO (role, slaves or master)
     */
    public BrokerAdminProcessor(Supplier<BrokerConfigs> configs, BrokerConfigUpdater configUpdater,
            TopicConfigManager topics, ConsumerOffsetManager offsets, ConsumerManager consumers,
            ClientNotifier notifier, MessageStore store, BrokerStats stats, Runnable configChanged,
            Supplier<Map<String, String>> replication) {
        this.configs = configs;
        this.configUpdater = configUpdater;
        this.topics = topics;
        this.offsets = offsets;
        this.consumers = consumers;
        this.notifier = notifier;
        this.store = store;
        this.stats = stats;
        this.configChanged = configChanged;
        this.replication = replication;
    }

    /** The broker-wide admin codes, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.GET_BROKER_CONFIG, (channel, request) -> getConfig(),
                RequestCode.UPDATE_BROKER_CONFIG, (channel, request) -> updateConfig(request),
                RequestCode.GET_BROKER_RUNTIME_INFO, (channel, request) -> RemotingCommand.response(null)
                        .body(BodyJson.encode(new KvTable(runtimeInfo()))),
                RequestCode.VIEW_BROKER_STATS_DATA, (channel, request) -> viewStats(request),
                RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, (channel, request) -> resetOffset(request));
    }

    private RemotingCommand getConfig() {
        GetBrokerConfigResponseHeader header = new GetBrokerConfigResponseHeader();
        header.setVersion(new String(BodyJson.encode(topics.dataVersion()), StandardCharsets.UTF_8));
        return RemotingCommand.response(header).body(configs.get().render().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Applies every key of the request as one new snapshot, or none of them: a black-listed key is refused with
     * NO_PERMISSION, an unknown key or a bad value with SYSTEM_ERROR naming the key. The remark of a success says
     * which keys wait for a restart.
     */
    private RemotingCommand updateConfig(RemotingCommand request) {
        try {
            Properties changes = ConfigBinder.parse(request.body() == null ? ""
                    : new String(request.body(), StandardCharsets.UTF_8));
            Optional<String> blackListed = configUpdater.blackListed(changes);
            if (blackListed.isPresent()) {
                return StatusResponses.error(ResponseCode.NO_PERMISSION,
                        "Can not update config in black list. key=" + blackListed.get());
            }
            String note = configUpdater.apply(changes);
            configChanged.run();
            return RemotingCommand.response(ResponseCode.SUCCESS, note);
        } catch (ConfigException e) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    /** The key/value pairs RocketMQ's clusterList, brokerStatus and the console read. */
    private Map<String, String> runtimeInfo() {
        Map<String, String> info = new LinkedHashMap<>(store.stats().toRuntimeInfo());
        info.put("brokerVersion", String.valueOf(RemotingCommand.CURRENT_VERSION));
        info.put("brokerVersionDesc", "V4_9_8");
        info.put("bootTimestamp", String.valueOf(stats.bootTimestamp()));
        Duration up = Duration.ofMillis(System.currentTimeMillis() - stats.bootTimestamp());
        info.put("runtime", String.format("[ %d days, %d hours, %d minutes, %d seconds ]", up.toDays(),
                up.toHoursPart(), up.toMinutesPart(), up.toSecondsPart()));
        info.put("putTps", String.format("%.2f %.2f %.2f", stats.putTps(), stats.putTps(), stats.putTps()));
        String getTps = String.format("%.2f %.2f %.2f", stats.getTps(), stats.getTps(), stats.getTps());
        info.put("getTransferedTps", getTps);
        // RocketMQ 5's spelling, which its exportMetrics reads (and fails without).
        info.put("getTransferredTps", getTps);
        info.put("msgPutTotalTodayNow", String.valueOf(stats.putTotal()));
        info.put("msgGetTotalTodayNow", String.valueOf(stats.getTotal()));
        info.put("msgPutTotalTodayMorning", String.valueOf(stats.putTodayMorning()));
        info.put("msgGetTotalTodayMorning", String.valueOf(stats.getTodayMorning()));
        info.put("msgPutTotalYesterdayMorning", String.valueOf(stats.putYesterdayMorning()));
        info.put("msgGetTotalYesterdayMorning", String.valueOf(stats.getYesterdayMorning()));
        MessageExt oldest = store.lookMessageByOffset(store.getMinPhyOffset());
        info.put("earliestMessageTimeStamp", String.valueOf(oldest == null ? 0 : oldest.getStoreTimestamp()));
        info.putAll(replication.get());
        return info;
    }

    private RemotingCommand viewStats(RemotingCommand request) throws RemotingCommandException {
        ViewBrokerStatsDataRequestHeader h = request.decodeHeader(ViewBrokerStatsDataRequestHeader.class);
        BrokerStats.Snapshot s = stats.snapshot(h.getStatsName(), h.getStatsKey());
        if (s == null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "The stats <" + h.getStatsName() + "> <" + h.getStatsKey() + "> not exist");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        double daySeconds = Duration.ofDays(1).toSeconds();
        body.put("statsDay", Map.of("avgpt", 0.0, "sum", s.dayCount(), "tps", s.dayCount() / daySeconds));
        body.put("statsHour", Map.of("avgpt", 0.0, "sum", Math.round(s.hourTps() * Duration.ofHours(1).toSeconds()),
                "tps", s.hourTps()));
        body.put("statsMinute", Map.of("avgpt", 0.0, "sum", Math.round(s.minuteTps()
                * Duration.ofMinutes(1).toSeconds()), "tps", s.minuteTps()));
        return RemotingCommand.response(null).body(BodyJson.encode(body));
    }

    /**
     * Moves a group's offsets in a topic to the first message stored at or after {@code timestamp} (-1: the end),
     * commits them and tells the group's online consumers.
     */
    private RemotingCommand resetOffset(RemotingCommand request) throws RemotingCommandException {
        ResetOffsetRequestHeader h = request.decodeHeader(ResetOffsetRequestHeader.class);
        TopicConfig topic = topics.select(h.getTopic());
        if (topic == null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "[reset-offset] reset offset failed, no topic in this broker. topic=" + h.getTopic());
        }
        Map<MessageQueue, Long> table = new HashMap<>();
        for (int q = 0; q < topic.getWriteQueueNums(); q++) {
            long target = h.getTimestamp() < 0 ? store.getMaxOffsetInQueue(h.getTopic(), q)
                    : store.getOffsetInQueueByTime(h.getTopic(), q, h.getTimestamp());
            long current = offsets.queryOffset(h.getGroup(), h.getTopic(), q);
            long offset = h.isForce() || current < 0 || target < current ? target : current;
            offsets.commitOffset(h.getGroup(), h.getTopic(), q, offset);
            table.put(new MessageQueue(h.getTopic(), configs.get().broker().getBrokerName(), q), offset);
        }
        ResetOffsetBody body = new ResetOffsetBody();
        body.setOffsetTable(table);
        ConsumerGroupInfo group = consumers.group(h.getGroup());
        if (group != null) {
            notifier.resetOffset(group, h, body);
        }
        return RemotingCommand.response(null).body(body.encode());
    }
}
