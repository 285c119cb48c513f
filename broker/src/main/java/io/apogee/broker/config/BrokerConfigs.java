package io.apogee.broker.config;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.RocketMqKeys;
import io.apogee.common.config.UnboundKeys;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.store.MessageStoreConfig;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a broker is configured with, from one {@code broker.conf}: broker, store and remoting keys side by side,
 * as in RocketMQ. One snapshot of them, never changed: the broker publishes the current one in a
 * {@link io.apogee.common.config.Published}, and a runtime update publishes a new one made by {@link #with}.
 *
 * @param broker  broker keys
 * @param store   store keys
 * @param netty   remoting server keys ({@code listenPort} among them)
 * @param client  remoting client keys of the broker's own connections (to name servers, to its master), such as
 *                {@code useTLS}
 * @param unbound keys that no part took at start, RocketMQ's that we do not apply and unknown ones, for warnings
 */
public record BrokerConfigs(BrokerConfig broker, MessageStoreConfig store, NettyServerConfig netty,
        NettyClientConfig client, UnboundKeys unbound) {

    /** RocketMQ's default broker port. */
    public static final int DEFAULT_LISTEN_PORT = 10911;

    private static final Set<String> KEYS = keys();
    private static final Set<String> READ_AT_START = readAtStartKeys();

    /**
     * Binds {@code properties} onto fresh config objects and validates them ({@code listenPort} 10911 unless set),
     * with RocketMQ's start-up defaults: {@code haListenPort} is {@code listenPort + 1} unless set (0, any free port,
     * when {@code listenPort} is 0), and a SLAVE's {@code accessMessageInMemoryMaxRatio} is 10 points lower than
     * configured (RocketMQ's {@code BrokerStartup} does the same: a slave steers slow readers sooner).
     *
     * @throws io.apogee.common.config.ConfigException naming the first bad key
     */
    public static BrokerConfigs bind(Properties properties) {
        Properties all = new Properties();
        all.setProperty("listenPort", String.valueOf(DEFAULT_LISTEN_PORT));
        for (String key : properties.stringPropertyNames()) {
            all.setProperty(key, properties.getProperty(key));
        }
        BrokerConfig broker = new BrokerConfig();
        MessageStoreConfig store = new MessageStoreConfig();
        NettyServerConfig netty = new NettyServerConfig();
        NettyClientConfig client = new NettyClientConfig();
        Set<String> unknown = new HashSet<>(ConfigBinder.bind(all, broker));
        unknown.retainAll(ConfigBinder.bind(all, netty));
        unknown.retainAll(ConfigBinder.bind(all, client));
        unknown.retainAll(ConfigBinder.bind(withStartupDefaults(all, broker, netty), store));
        return new BrokerConfigs(broker, store, netty, client, UnboundKeys.of(unknown, RocketMqKeys.BROKER));
    }

    /** The keys given at start that are neither ours nor RocketMQ's. */
    public Set<String> unknown() {
        return unbound.unknown();
    }

    private static Properties withStartupDefaults(Properties all, BrokerConfig broker, NettyServerConfig netty) {
        Properties store = new Properties();
        store.putAll(all);
        if (!all.containsKey("haListenPort")) {
            int port = netty.getListenPort();
            store.setProperty("haListenPort", String.valueOf(port == 0 ? 0 : port + 1));
        }
        if (broker.getBrokerRole() == BrokerRole.SLAVE) {
            int ratio = new MessageStoreConfig().getAccessMessageInMemoryMaxRatio();
            String configured = all.getProperty("accessMessageInMemoryMaxRatio");
            if (configured != null) {
                try {
                    ratio = Integer.parseInt(configured.trim());
                } catch (NumberFormatException e) {
                    return store; // the binder refuses the value, naming the key
                }
            }
            store.setProperty("accessMessageInMemoryMaxRatio", String.valueOf(Math.max(0, ratio - 10)));
        }
        return store;
    }

    /**
     * A new snapshot: this one with {@code changes} bound over copies of its parts, each part validated; RocketMQ keys
     * we do not apply ({@link #notApplicable}) are ignored. This one is not touched.
     *
     * @throws io.apogee.common.config.ConfigException naming a key neither a part nor RocketMQ has, or the key whose
     *                                                 value is refused
     */
    public BrokerConfigs with(Properties changes) {
        for (String key : new TreeSet<>(changes.stringPropertyNames())) {
            if (!KEYS.contains(key) && !RocketMqKeys.BROKER.contains(key)) {
                throw ConfigBinder.unknownKey(key);
            }
        }
        return new BrokerConfigs(ConfigBinder.copyWith(broker, changes), ConfigBinder.copyWith(store, changes),
                ConfigBinder.copyWith(netty, changes), ConfigBinder.copyWith(client, changes), unbound);
    }

    /** Those of {@code keys} that RocketMQ's broker reads and ours does not apply. */
    public static Set<String> notApplicable(Set<String> keys) {
        Set<String> out = new TreeSet<>(keys);
        out.retainAll(RocketMqKeys.BROKER);
        out.removeAll(KEYS);
        return out;
    }

    /** Those of {@code keys} that are read only at start, so a runtime change of them waits for a restart. */
    public static Set<String> readAtStart(Set<String> keys) {
        Set<String> out = new TreeSet<>(keys);
        out.retainAll(READ_AT_START);
        return out;
    }

    /** Every effective key and value, as {@code -p} and GET_BROKER_CONFIG show them (a key two parts share once). */
    public String render() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Object part : List.of(broker, store, netty, client)) {
            ConfigBinder.toMap(part).forEach(all::putIfAbsent);
        }
        StringBuilder sb = new StringBuilder();
        all.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(ConfigBinder.keys(BrokerConfig.class));
        keys.addAll(ConfigBinder.keys(MessageStoreConfig.class));
        keys.addAll(ConfigBinder.keys(NettyServerConfig.class));
        keys.addAll(ConfigBinder.keys(NettyClientConfig.class));
        return Collections.unmodifiableSet(keys);
    }

    /** A key two parts share (brokerRole) waits for a restart unless each part marks it {@code @Live}. */
    private static Set<String> readAtStartKeys() {
        Set<String> keys = new HashSet<>(ConfigBinder.readAtStart(BrokerConfig.class));
        keys.addAll(ConfigBinder.readAtStart(MessageStoreConfig.class));
        keys.addAll(ConfigBinder.readAtStart(NettyServerConfig.class));
        keys.addAll(ConfigBinder.readAtStart(NettyClientConfig.class));
        return Collections.unmodifiableSet(keys);
    }
}
