package io.apogee.namesrv.config;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.RocketMqKeys;
import io.apogee.common.config.UnboundKeys;
import io.apogee.remoting.netty.NettyServerConfig;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a NameServer is configured with, from one properties file: its own keys and its remoting server's. One
 * snapshot, never changed: the NameServer publishes the current one in a {@link io.apogee.common.config.Published},
 * and UPDATE_NAMESRV_CONFIG publishes a new one made by {@link #with}.
 *
 * @param namesrv the NameServer's keys
 * @param netty   its remoting server's keys ({@code listenPort} among them)
 * @param unbound RocketMQ NameServer keys given at start that we do not apply, for a warning (never unknown keys:
 *                those are refused)
 */
public record NamesrvConfigs(NamesrvConfig namesrv, NettyServerConfig netty, UnboundKeys unbound) {

    /** RocketMQ's default NameServer port. */
    public static final int DEFAULT_LISTEN_PORT = 9876;

    private static final Set<String> KEYS = keys();
    private static final Set<String> READ_AT_START = readAtStartKeys();

    /** A snapshot of config objects made in code, with no keys left over. */
    public NamesrvConfigs(NamesrvConfig namesrv, NettyServerConfig netty) {
        this(namesrv, netty, UnboundKeys.NONE);
    }

    /**
     * Binds {@code properties} onto fresh config objects and validates them ({@code listenPort} 9876 unless set);
     * every key must be one of theirs or one of RocketMQ 4.9's NameServer (those we do not apply are
     * {@link #unbound}, as the broker does with its own).
     *
     * @throws io.apogee.common.config.ConfigException naming an unknown key or the first bad one
     */
    public static NamesrvConfigs bind(Properties properties) {
        Properties all = new Properties();
        all.setProperty("listenPort", String.valueOf(DEFAULT_LISTEN_PORT));
        for (String key : properties.stringPropertyNames()) {
            all.setProperty(key, properties.getProperty(key));
        }
        Set<String> unbound = new TreeSet<>(all.stringPropertyNames());
        unbound.removeAll(KEYS);
        UnboundKeys sorted = UnboundKeys.of(unbound, RocketMqKeys.NAMESRV);
        if (!sorted.unknown().isEmpty()) {
            throw ConfigBinder.unknownKey(sorted.unknown().iterator().next());
        }
        NamesrvConfig namesrv = new NamesrvConfig();
        NettyServerConfig netty = new NettyServerConfig();
        ConfigBinder.bind(all, netty);
        ConfigBinder.bind(withPortDefaults(all, netty.getListenPort()), namesrv);
        return new NamesrvConfigs(namesrv, netty, sorted);
    }

    /** {@code all} with the file paths of a NameServer on {@code listenPort} where none is given. */
    private static Properties withPortDefaults(Properties all, int listenPort) {
        Properties withPaths = new Properties();
        withPaths.putAll(all);
        NamesrvConfig.defaultPathsFor(listenPort).forEach(withPaths::putIfAbsent);
        return withPaths;
    }

    /**
     * A new snapshot: this one with {@code changes} bound over copies of its parts, each validated; RocketMQ keys we
     * do not apply ({@link #notApplicable}) are ignored. This one is not touched.
     *
     * @throws io.apogee.common.config.ConfigException naming a key neither part nor RocketMQ has, or the key whose
     *                                                 value is refused
     */
    public NamesrvConfigs with(Properties changes) {
        for (String key : new TreeSet<>(changes.stringPropertyNames())) {
            if (!KEYS.contains(key) && !RocketMqKeys.NAMESRV.contains(key)) {
                throw ConfigBinder.unknownKey(key);
            }
        }
        return new NamesrvConfigs(ConfigBinder.copyWith(namesrv, changes), ConfigBinder.copyWith(netty, changes),
                unbound);
    }

    /** Those of {@code keys} that RocketMQ's NameServer reads and ours does not apply. */
    public static Set<String> notApplicable(Set<String> keys) {
        Set<String> out = new TreeSet<>(keys);
        out.retainAll(RocketMqKeys.NAMESRV);
        out.removeAll(KEYS);
        return out;
    }

    /** Those of {@code keys} that are read only at start, so a runtime change of them waits for a restart. */
    public static Set<String> readAtStart(Set<String> keys) {
        Set<String> out = new TreeSet<>(keys);
        out.retainAll(READ_AT_START);
        return out;
    }

    /** Every key with its value, in declaration order, the NameServer's first. */
    public Map<String, String> toMap() {
        Map<String, String> all = new LinkedHashMap<>(ConfigBinder.toMap(namesrv));
        all.putAll(ConfigBinder.toMap(netty));
        return all;
    }

    /** {@link #toMap} as {@code key=value} lines, as {@code -p} prints it and UPDATE_NAMESRV_CONFIG persists it. */
    public String render() {
        return ConfigBinder.render(namesrv) + ConfigBinder.render(netty);
    }

    private static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(ConfigBinder.keys(NamesrvConfig.class));
        keys.addAll(ConfigBinder.keys(NettyServerConfig.class));
        return Collections.unmodifiableSet(keys);
    }

    private static Set<String> readAtStartKeys() {
        Set<String> keys = new HashSet<>(ConfigBinder.readAtStart(NamesrvConfig.class));
        keys.addAll(ConfigBinder.readAtStart(NettyServerConfig.class));
        return Collections.unmodifiableSet(keys);
    }
}
