package io.apogee.broker.group;

import com.alibaba.fastjson2.JSON;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.io.AtomicFile;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.remoting.protocol.body.SubscriptionGroupWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer groups' settings (retry queues, max reconsume times, read-from-slave choices), persisted to
 * {@code subscriptionGroup.json}; a group is created on first use when {@code autoCreateSubscriptionGroup}.
 */
public final class SubscriptionGroupManager {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupManager.class);

    private final Supplier<BrokerConfig> config;
    private final AtomicFile file;
    private final Map<String, SubscriptionGroupConfig> groups = new ConcurrentHashMap<>();

    public SubscriptionGroupManager(Supplier<BrokerConfig> config, Path configDir) {
        this.config = config;
        this.file = new AtomicFile(configDir.resolve("subscriptionGroup.json"));
    }

    /** Loads {@code subscriptionGroup.json}, if present. */
    public void load() throws IOException {
        String text = file.read().orElse(null);
        if (text == null || text.isBlank()) {
            return;
        }
        SubscriptionGroupWrapper saved = SubscriptionGroupWrapper.decode(text.getBytes(StandardCharsets.UTF_8));
        groups.putAll(saved.getSubscriptionGroupTable());
        LOG.info("loaded {} subscription groups from {}", groups.size(), file.path());
    }

    /**
     * The group's settings; creates them with defaults when the group is new and auto-creation is on.
     *
     * @return the settings, or {@code null} for an unknown group with auto-creation off
     */
    public SubscriptionGroupConfig findOrCreate(String group) {
        SubscriptionGroupConfig existing = groups.get(group);
        if (existing != null || !config.get().isAutoCreateSubscriptionGroup()) {
            return existing;
        }
        SubscriptionGroupConfig created = new SubscriptionGroupConfig();
        created.setGroupName(group);
        SubscriptionGroupConfig raced = groups.putIfAbsent(group, created);
        if (raced != null) {
            return raced;
        }
        LOG.info("subscription group {} auto-created", group);
        persist();
        return created;
    }

    /** The group's settings, or {@code null}. */
    public SubscriptionGroupConfig find(String group) {
        return groups.get(group);
    }

    /** Creates or replaces a group's settings. */
    public void update(SubscriptionGroupConfig group) {
        groups.put(group.getGroupName(), group);
        LOG.info("subscription group {} updated", group.getGroupName());
        persist();
    }

    /** Deletes a group's settings; false when unknown. */
    public boolean delete(String group) {
        boolean removed = groups.remove(group) != null;
        if (removed) {
            LOG.info("subscription group {} deleted", group);
            persist();
        }
        return removed;
    }

    /**
     * A slave copying its master's groups (GET_ALL_SUBSCRIPTIONGROUP_CONFIG): the table becomes {@code master}'s and is
     * persisted when it differs. Groups are put before the ones the master lacks are removed.
     *
     * @return whether anything changed
     */
    public synchronized boolean replaceFromMaster(Map<String, SubscriptionGroupConfig> master) {
        String before = JSON.toJSONString(new TreeMap<>(groups));
        if (before.equals(JSON.toJSONString(new TreeMap<>(master)))) {
            return false;
        }
        groups.putAll(master);
        groups.keySet().retainAll(master.keySet());
        persist();
        return true;
    }

    /** Every group, as GET_ALL_SUBSCRIPTIONGROUP_CONFIG answers it. */
    public SubscriptionGroupWrapper snapshot() {
        SubscriptionGroupWrapper wrapper = new SubscriptionGroupWrapper();
        wrapper.setSubscriptionGroupTable(new LinkedHashMap<>(groups));
        wrapper.setDataVersion(Map.of("counter", groups.size(), "timestamp", System.currentTimeMillis()));
        return wrapper;
    }

    /** Writes {@code subscriptionGroup.json} atomically. */
    public synchronized void persist() {
        try {
            file.write(new String(snapshot().encode(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist subscription groups to " + file.path(), e);
        }
    }
}
