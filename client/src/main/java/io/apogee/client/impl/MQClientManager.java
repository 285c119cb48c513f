package io.apogee.client.impl;

import io.apogee.client.ClientConfig;
import io.apogee.client.MQClientException;
import io.apogee.client.impl.api.NamesrvAddressList;
import io.apogee.remoting.RpcHook;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The process-wide table of client instances, one per client id. */
public final class MQClientManager {

    private static final Map<String, MQClientInstance> INSTANCES = new ConcurrentHashMap<>();

    private MQClientManager() {
    }

    /**
     * The instance for {@code config}'s client id, created (with a copy of {@code config}) on first use.
     *
     * @throws MQClientException when no NameServer address is configured, or a {@code ,}-separated list
     */
    public static MQClientInstance getOrCreate(ClientConfig config) throws MQClientException {
        return getOrCreate(config, null);
    }

    /**
     * As {@link #getOrCreate(ClientConfig)}; an instance created now runs {@code rpcHook} (when not null) on every
     * request it sends, as RocketMQ's instance takes the hook of the client that creates it.
     *
     * @throws MQClientException when no NameServer address is configured, or a {@code ,}-separated list
     */
    public static MQClientInstance getOrCreate(ClientConfig config, RpcHook rpcHook) throws MQClientException {
        try {
            NamesrvAddressList.parse(config.getNamesrvAddr());
        } catch (IllegalArgumentException e) {
            throw new MQClientException(e.getMessage(), e);
        }
        String clientId = config.buildMQClientId();
        return INSTANCES.computeIfAbsent(clientId,
                id -> new MQClientInstance(config.cloneClientConfig(), id, rpcHook, () -> INSTANCES.remove(id)));
    }
}
