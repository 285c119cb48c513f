package io.apogee.broker;

import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.store.MessageStoreConfig;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * Everything a broker is configured with, from one {@code broker.conf}: broker, store and remoting keys side by side,
 * as in RocketMQ.
 *
 * @param broker  broker keys
 * @param store   store keys
 * @param netty   remoting server keys ({@code listenPort} among them)
 * @param unknown keys that no part recognised, for a warning at start-up
 */
public record BrokerConfigs(BrokerConfig broker, MessageStoreConfig store, NettyServerConfig netty,
        Set<String> unknown) {

    /** RocketMQ's default broker port. */
    public static final int DEFAULT_LISTEN_PORT = 10911;

    /**
     * Binds {@code properties} onto fresh config objects and validates them.
     *
     * @throws io.apogee.common.config.ConfigException naming the first bad key
     */
    public static BrokerConfigs bind(Properties properties) {
        BrokerConfig broker = new BrokerConfig();
        MessageStoreConfig store = new MessageStoreConfig();
        NettyServerConfig netty = new NettyServerConfig();
        netty.setListenPort(DEFAULT_LISTEN_PORT);
        Set<String> unknown = new HashSet<>(ConfigBinder.bind(properties, broker));
        unknown.retainAll(ConfigBinder.bind(properties, store));
        unknown.retainAll(ConfigBinder.bind(properties, netty));
        return new BrokerConfigs(broker, store, netty, Set.copyOf(unknown));
    }

    /** Every effective key and value, as {@code -p} and GET_BROKER_CONFIG show them. */
    public String render() {
        return ConfigBinder.render(broker) + ConfigBinder.render(store) + ConfigBinder.render(netty);
    }
}
