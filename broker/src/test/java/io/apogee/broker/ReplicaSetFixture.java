package io.apogee.broker;

import io.apogee.namesrv.NamesrvController;
import io.apogee.namesrv.config.NamesrvConfigs;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.KvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A NameServer on an ephemeral loopback port and the brokers of one broker name, {@code broker-a}: a master and a
 * slave (brokerId 1), each a {@link BrokerFixture} registered with the NameServer, each with its own store under
 * {@code dir}. The slave finds its master through the NameServer, as in production. Close stops the slave, the
 * master, then the NameServer.
 */
final class ReplicaSetFixture implements AutoCloseable {

    static final String BROKER_NAME = "broker-a";

    final String namesrvAddr;
    private final NamesrvController namesrv;
    private final Path dir;
    BrokerFixture master;
    BrokerFixture slave;

    ReplicaSetFixture(Path dir) throws IOException {
        this.dir = dir;
        Properties p = new Properties();
        p.setProperty("kvConfigPath", dir.resolve("namesrv/kvConfig.json").toString());
        p.setProperty("configStorePath", dir.resolve("namesrv/namesrv.properties").toString());
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("listenPort", "0");
        namesrv = new NamesrvController(NamesrvConfigs.bind(p));
        try {
            namesrv.start();
        } catch (IOException | RuntimeException e) {
            namesrv.shutdown();
            throw e;
        }
        namesrvAddr = "127.0.0.1:" + namesrv.listenPort();
    }

    /** Starts the master ({@code brokerRole} from {@code extra}, ASYNC_MASTER by default) on its store. */
    BrokerFixture startMaster(Properties extra) throws Exception {
        master = start("master", props(extra));
        return master;
    }

    /** Starts the slave, brokerId 1, on its store. */
    BrokerFixture startSlave(Properties extra) throws Exception {
        Properties p = props(extra);
        p.setProperty("brokerRole", "SLAVE");
        p.setProperty("brokerId", "1");
        slave = start("slave", p);
        return slave;
    }

    /** Stops the master gracefully (it unregisters); its store is kept for a restart. */
    void stopMaster() {
        master.close();
        master = null;
    }

    private Properties props(Properties extra) {
        Properties p = new Properties();
        p.setProperty("brokerName", BROKER_NAME);
        p.setProperty("namesrvAddr", namesrvAddr);
        p.putAll(extra);
        return p;
    }

    private BrokerFixture start(String name, Properties p) throws Exception {
        return new BrokerFixture(Files.createDirectories(dir.resolve(name)), p);
    }

    /** GET_BROKER_RUNTIME_INFO of {@code broker}, as {@code mqadmin brokerStatus} prints it. */
    static Map<String, String> runtimeInfo(BrokerFixture broker) throws Exception {
        RemotingCommand response = broker.invoke(RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO, null));
        return BodyJson.decode(response.body(), KvTable.class).table();
    }

    @Override
    public void close() {
        if (slave != null) {
            slave.close();
        }
        if (master != null) {
            master.close();
        }
        namesrv.shutdown();
    }
}
