package io.apogee.client.impl;

import io.apogee.client.ClientConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The process-wide table of client instances, one per client id. */
public final class MQClientManager {

    private static final Map<String, MQClientInstance> INSTANCES = new ConcurrentHashMap<>();

    private MQClientManager() {
    }

    /** The instance for {@code config}'s client id, created (with a copy of {@code config}) on first use. */
    public static MQClientInstance getOrCreate(ClientConfig config) {
        String clientId = config.buildMQClientId();
        return INSTANCES.computeIfAbsent(clientId,
                id -> new MQClientInstance(config.cloneClientConfig(), id, () -> INSTANCES.remove(id)));
    }
}
