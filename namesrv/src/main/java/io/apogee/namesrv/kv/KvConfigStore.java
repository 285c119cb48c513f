package io.apogee.namesrv.kv;

import io.apogee.common.io.AtomicFile;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.body.BodyJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NameServer's KV config: namespace → key → value (e.g. {@code ORDER_TOPIC_CONFIG} → topic →
 * {@code brokerName:queueNums;...}). Every change is written to a JSON file in RocketMQ's {@code kvConfig.json}
 * format, {@code {"configTable":{namespace:{key:value}}}}, replaced atomically; the file is read back at start.
 *
 * <p>The table has its own read-write lock; the file write happens outside it, under a separate lock that
 * serializes writers, and always writes the latest table, so readers never wait for the disk.
 */
public final class KvConfigStore {

    private static final Logger LOG = LoggerFactory.getLogger(KvConfigStore.class);

    /** The file's shape. */
    record KvConfigFile(Map<String, Map<String, String>> configTable) {
    }

    /** The namespace whose entries brokers receive on registration and routes carry as {@code orderTopicConf}. */
    public static final String ORDER_TOPIC_CONFIG_NAMESPACE = "ORDER_TOPIC_CONFIG";

    private final AtomicFile file;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object persistLock = new Object();
    private final Map<String, Map<String, String>> table = new HashMap<>();

    public KvConfigStore(Path path) {
        this.file = new AtomicFile(path);
    }

    /**
     * Loads the file, if there is one.
     *
     * @throws IOException when it cannot be read or is not a KV config file, naming the path; a NameServer must not
     *     start with its KV config silently lost
     */
    public void load() throws IOException {
        Optional<String> text = file.read();
        if (text.isEmpty() || text.get().isBlank()) {
            return;
        }
        KvConfigFile loaded;
        try {
            loaded = BodyJson.decode(text.get().getBytes(StandardCharsets.UTF_8), KvConfigFile.class);
        } catch (RemotingCommandException e) {
            throw new IOException("corrupt KV config file " + file.path().toAbsolutePath() + ": " + e.getMessage(), e);
        }
        lock.writeLock().lock();
        try {
            table.clear();
            if (loaded.configTable() != null) {
                loaded.configTable().forEach((ns, kv) -> table.put(ns, new HashMap<>(kv)));
            }
            LOG.info("KV config loaded from {}: {} namespaces", file.path(), table.size());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Sets a value and persists the table. */
    public void put(String namespace, String key, String value) throws IOException {
        lock.writeLock().lock();
        try {
            String old = table.computeIfAbsent(namespace, ns -> new HashMap<>()).put(key, value);
            LOG.info("KV config {}: namespace={} key={} value={}", old == null ? "added" : "updated", namespace, key,
                    value);
        } finally {
            lock.writeLock().unlock();
        }
        persist();
    }

    /** Removes a value (an emptied namespace stays, as in RocketMQ) and persists the table if it changed. */
    public void delete(String namespace, String key) throws IOException {
        boolean removed;
        lock.writeLock().lock();
        try {
            Map<String, String> kv = table.get(namespace);
            removed = kv != null && kv.remove(key) != null;
        } finally {
            lock.writeLock().unlock();
        }
        if (removed) {
            LOG.info("KV config deleted: namespace={} key={}", namespace, key);
            persist();
        }
    }

    public Optional<String> get(String namespace, String key) {
        lock.readLock().lock();
        try {
            Map<String, String> kv = table.get(namespace);
            return Optional.ofNullable(kv == null ? null : kv.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of one namespace, or empty when it does not exist. */
    public Optional<Map<String, String>> namespace(String namespace) {
        lock.readLock().lock();
        try {
            Map<String, String> kv = table.get(namespace);
            return Optional.ofNullable(kv == null ? null : new TreeMap<>(kv));
        } finally {
            lock.readLock().unlock();
        }
    }

    private void persist() throws IOException {
        synchronized (persistLock) {
            Map<String, Map<String, String>> snapshot = new TreeMap<>();
            lock.readLock().lock();
            try {
                table.forEach((ns, kv) -> snapshot.put(ns, new TreeMap<>(kv)));
            } finally {
                lock.readLock().unlock();
            }
            file.write(new String(BodyJson.encodeStandard(new KvConfigFile(snapshot)), StandardCharsets.UTF_8));
        }
    }
}
