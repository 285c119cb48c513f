package io.apogee.testsupport;

import io.apogee.broker.BrokerController;
import io.apogee.broker.config.BrokerConfigs;
import io.apogee.namesrv.NamesrvController;
import io.apogee.namesrv.config.NamesrvConfigs;
import java.nio.file.Path;
import java.util.Properties;

/** Our NameServer and broker in this JVM, bound to loopback; the default launcher of a {@link TestCluster}. */
public final class ApogeeServers implements ServerLauncher {

    private static final String LOOPBACK = "127.0.0.1";

    @Override
    public RunningServer startNamesrv(int port, Path dir) throws Exception {
        Properties keys = new Properties();
        keys.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        keys.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
        keys.setProperty("bindAddress", LOOPBACK);
        keys.setProperty("listenPort", String.valueOf(port));
        NamesrvController namesrv = new NamesrvController(NamesrvConfigs.bind(keys));
        return RunningServer.startInThisJvm(namesrv::start, namesrv::shutdown);
    }

    /** Starts the broker; it has registered with its NameServers when this returns. */
    @Override
    public RunningServer startBroker(Properties brokerConf, Path dir) throws Exception {
        Properties conf = new Properties();
        conf.setProperty("bindAddress", LOOPBACK);
        conf.putAll(brokerConf);
        BrokerController broker = new BrokerController(BrokerConfigs.bind(conf));
        return RunningServer.startInThisJvm(broker::start, broker::shutdown);
    }
}
