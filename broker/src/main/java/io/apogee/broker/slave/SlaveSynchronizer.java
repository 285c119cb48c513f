package io.apogee.broker.slave;

import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.schedule.DelayOffsetTable;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.service.ServiceLoop;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.SubscriptionGroupWrapper;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slave's one loop for its master: copies topics, consumer offsets, delay offsets and subscription groups from the
 * master with RocketMQ's requests (GET_ALL_TOPIC_CONFIG 21, GET_ALL_CONSUMER_OFFSET 43, GET_ALL_DELAY_OFFSET 45,
 * GET_ALL_SUBSCRIPTIONGROUP_CONFIG 201, as RocketMQ's {@code SlaveSynchronize} does, so it syncs from an Apache
 * master as well) every {@link #PERIOD_MILLIS}, the first {@link #FIRST_DELAY_MILLIS} after start;
 * and on every step lets the {@link ReplicationWatch} log how replication stands.
 *
 * <p>Every request goes to the master's main port: RocketMQ sends GET_ALL_TOPIC_CONFIG to the VIP port
 * ({@code listenPort - 2}), but every broker serves it on both, and the main port is the address the name server
 * gave. No master registered (it is down): nothing is copied and the slave keeps what it has. Each table is copied
 * on its own, so one failing request does not hold back the others.
 */
public final class SlaveSynchronizer implements ServiceLoop {

    /** RocketMQ's fixed sync period. */
    public static final long PERIOD_MILLIS = 10_000;
    /** RocketMQ's delay before the first sync. */
    public static final long FIRST_DELAY_MILLIS = 3_000;
    /** How long the runner idles between steps: the watch looks every second. */
    public static final long STEP_MILLIS = 1000;
    /** How long one request to the master may take (RocketMQ's 3 s). */
    static final long TIMEOUT_MILLIS = 3_000;

    private static final Logger LOG = LoggerFactory.getLogger(SlaveSynchronizer.class);

    private final MasterLink master;
    private final NettyRemotingClient client;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;
    private final DelayOffsetTable delayOffsets;
    private final ReplicationWatch watch;
    private final ConsumerOffsetSync offsetSync = new ConsumerOffsetSync();
    /** The last failure of each table, each logged once; only this loop's thread uses it. */
    private final Map<String, String> failures = new LinkedHashMap<>();
    private long nextSyncMillis = -1;
    private volatile long lastSyncMillis;
    private volatile String lastError;

    public SlaveSynchronizer(MasterLink master, NettyRemotingClient client, TopicConfigManager topics,
            SubscriptionGroupManager groups, ConsumerOffsetManager offsets, DelayOffsetTable delayOffsets,
            ReplicationWatch watch) {
        this.master = master;
        this.client = client;
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.delayOffsets = delayOffsets;
        this.watch = watch;
    }

    @Override
    public String roleName() {
        return "ApogeeSlaveSynchronize";
    }

    @Override
    public int doWork() throws InterruptedException {
        long now = System.currentTimeMillis();
        watch.check(now);
        if (nextSyncMillis < 0) {
            nextSyncMillis = now + FIRST_DELAY_MILLIS;
        }
        if (now < nextSyncMillis) {
            return 0;
        }
        nextSyncMillis = now + PERIOD_MILLIS;
        String addr = master.masterAddr();
        if (addr == null) {
            lastError = "paused: " + master.describeMaster();
        } else {
            syncFrom(addr);
        }
        return 0;
    }

    private void syncFrom(String addr) throws InterruptedException {
        boolean ok = copy(addr, "topics", RequestCode.GET_ALL_TOPIC_CONFIG, this::applyTopics)
                & copy(addr, "consumer offsets", RequestCode.GET_ALL_CONSUMER_OFFSET, this::applyOffsets)
                & copy(addr, "delay offsets", RequestCode.GET_ALL_DELAY_OFFSET, this::applyDelayOffsets)
                & copy(addr, "subscription groups", RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, this::applyGroups);
        if (ok) {
            lastSyncMillis = System.currentTimeMillis();
            if (lastError != null) {
                LOG.info("slave sync from master {} works again", addr);
            }
            lastError = null;
        } else {
            lastError = String.join("; ", failures.values());
        }
    }

    /** One table's answer applied; returns what changed, for the log, or {@code null} when nothing did. */
    @FunctionalInterface
    private interface Apply {
        String apply(byte[] body) throws RemotingCommandException;
    }

    private boolean copy(String addr, String what, int code, Apply apply) throws InterruptedException {
        String error;
        try {
            RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(code, null), TIMEOUT_MILLIS);
            if (response.code() == ResponseCode.SUCCESS && response.body() != null) {
                String changed = apply.apply(response.body());
                if (changed != null) {
                    LOG.info("slave: {} updated from master {}: {}", what, addr, changed);
                }
                failures.remove(what);
                return true;
            }
            error = "answered " + response.code() + " " + response.remark();
        } catch (RemotingException | RemotingCommandException | RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String line = "cannot copy " + what + " from master " + addr + ": " + error;
        if (!line.equals(failures.put(what, line))) {
            LOG.warn("slave sync: {}; retrying every {} ms", line, PERIOD_MILLIS);
        }
        return false;
    }

    private String applyTopics(byte[] body) throws RemotingCommandException {
        TopicConfigSerializeWrapper table = BodyJson.decode(body, TopicConfigSerializeWrapper.class);
        return topics.replaceFromMaster(table)
                ? table.topicConfigTable().size() + " topics, version " + table.dataVersion() : null;
    }

    private String applyOffsets(byte[] body) {
        int changed = offsetSync.apply(ConsumerOffsetManager.decode(new String(body, StandardCharsets.UTF_8),
                "the master's GET_ALL_CONSUMER_OFFSET"), offsets);
        if (changed == 0) {
            return null;
        }
        offsets.persist();
        return changed + " queue offsets";
    }

    private String applyDelayOffsets(byte[] body) {
        Map<Integer, Long> table = DelayOffsetTable.decode(new String(body, StandardCharsets.UTF_8));
        return delayOffsets.replaceAll(table) ? table.size() + " delay levels" : null;
    }

    private String applyGroups(byte[] body) {
        SubscriptionGroupWrapper table = SubscriptionGroupWrapper.decode(body);
        return groups.replaceFromMaster(table.getSubscriptionGroupTable())
                ? table.getSubscriptionGroupTable().size() + " groups" : null;
    }

    /** When the last full sync succeeded (ms since the epoch), 0 before the first. */
    public long lastSyncMillis() {
        return lastSyncMillis;
    }

    /** Why the last sync failed or did not run (no master registered), or {@code null} when it worked. */
    public String lastError() {
        return lastError;
    }
}
