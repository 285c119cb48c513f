package io.apogee.client.stub;

import io.apogee.client.ClientConfig;
import java.util.concurrent.atomic.AtomicInteger;

/** Client settings for tests: a fake NameServer, and an instance name of its own so no test shares an instance. */
public final class ClientConfigs {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private ClientConfigs() {
    }

    /** {@code config} pointed at {@code namesrvAddr}, with a fresh instance name. */
    public static <T extends ClientConfig> T using(T config, String namesrvAddr) {
        config.setNamesrvAddr(namesrvAddr);
        config.setInstanceName("test-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet());
        return config;
    }
}
