package io.apogee.tools.admin.command;

import io.apogee.client.acl.SessionCredentials;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.producer.DefaultMQProducer;
import java.io.PrintStream;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a sub-command works with: the NameServer address, the output stream, and an admin client (and producer)
 * started on first use and shut down when the command ends.
 */
public final class AdminSession implements AutoCloseable {

    private static final String PRODUCER_GROUP = "TOOLS_PRODUCER";

    private final String namesrvAddr;
    /** Signs every request when not null (brokers with ACL on). */
    private final SessionCredentials credentials;
    private final PrintStream out;
    private DefaultMQAdminExt admin;
    /** The admin client's request timeout; 0: the client's default. */
    private int apiTimeoutMillis;
    private DefaultMQProducer producer;
    private DefaultMQProducer tracingProducer;

    public AdminSession(String namesrvAddr, PrintStream out) {
        this(namesrvAddr, null, out);
    }

    /** A session whose clients sign every request with {@code credentials} ({@code null}: unsigned). */
    public AdminSession(String namesrvAddr, SessionCredentials credentials, PrintStream out) {
        this.namesrvAddr = namesrvAddr;
        this.credentials = credentials;
        this.out = out;
    }

    public PrintStream out() {
        return out;
    }

    /**
     * Sets the admin client's request timeout.
     *
     * @throws CommandFailedException when {@code millis} is not positive
     * @throws IllegalStateException once the admin client has started
     */
    public void apiTimeout(int millis) throws CommandFailedException {
        if (millis <= 0) {
            throw new CommandFailedException("a timeout must be at least 1 ms, not " + millis);
        }
        if (admin != null) {
            throw new IllegalStateException("the admin client has started already");
        }
        apiTimeoutMillis = millis;
    }

    /** The admin client, started on first use. */
    public DefaultMQAdminExt admin() throws Exception {
        if (admin == null) {
            DefaultMQAdminExt created = credentials == null ? new DefaultMQAdminExt()
                    : new DefaultMQAdminExt(credentials);
            created.setNamesrvAddr(namesrvAddr);
            created.setInstanceName("mqadmin-" + ProcessHandle.current().pid());
            if (apiTimeoutMillis > 0) {
                created.setMqClientApiTimeout(apiTimeoutMillis);
            }
            created.start();
            admin = created;
        }
        return admin;
    }

    /** A producer in group {@code TOOLS_PRODUCER}, started on first use. */
    public DefaultMQProducer producer() throws Exception {
        return producer(false);
    }

    /**
     * A producer in group {@code TOOLS_PRODUCER}, started on first use; with {@code msgTrace} one that stores a trace
     * of each send in the trace topic.
     */
    public DefaultMQProducer producer(boolean msgTrace) throws Exception {
        DefaultMQProducer existing = msgTrace ? tracingProducer : producer;
        if (existing != null) {
            return existing;
        }
        if (msgTrace && credentials != null) {
            throw new CommandFailedException("a traced send (-m true) cannot be signed for ACL: send it unsigned"
                    + " from an address the broker trusts, or without -m");
        }
        DefaultMQProducer created = credentials != null ? new DefaultMQProducer(PRODUCER_GROUP, credentials)
                : new DefaultMQProducer(PRODUCER_GROUP, msgTrace);
        created.setNamesrvAddr(namesrvAddr);
        created.setInstanceName("mqadmin-producer-" + (msgTrace ? "trace-" : "") + ProcessHandle.current().pid());
        created.start();
        if (msgTrace) {
            tracingProducer = created;
        } else {
            producer = created;
        }
        return created;
    }

    /**
     * The master addresses a command targets: {@code brokerAddr} when given, else every master of
     * {@code clusterName}.
     *
     * @throws CommandFailedException when neither is given or the cluster has no master online (or does not exist)
     */
    public List<String> masters(String brokerAddr, String clusterName) throws Exception {
        if (brokerAddr != null) {
            return List.of(brokerAddr);
        }
        if (clusterName == null) {
            throw new CommandFailedException("give a broker address with -b or a cluster name with -c");
        }
        List<String> masters = admin().fetchMasterAddrByClusterName(clusterName);
        if (masters.isEmpty()) {
            throw new CommandFailedException("No master broker of a cluster named " + clusterName
                    + " is online: see clusterList");
        }
        return masters;
    }

    /**
     * Every broker address (masters and slaves) a command targets: {@code brokerAddr} when given, else every broker of
     * {@code clusterName}.
     *
     * @throws CommandFailedException when neither is given or the cluster has no broker online
     */
    public List<String> allBrokers(String brokerAddr, String clusterName) throws Exception {
        if (brokerAddr != null) {
            return List.of(brokerAddr);
        }
        if (clusterName == null) {
            throw new CommandFailedException("give a broker address with -b or a cluster name with -c");
        }
        ClusterInfo info = admin().examineBrokerClusterInfo();
        List<String> addrs = new ArrayList<>();
        for (String name : new TreeSet<>(info.clusterAddrTable().getOrDefault(clusterName, Set.of()))) {
            BrokerData broker = info.brokerAddrTable().get(name);
            if (broker != null) {
                addrs.addAll(new TreeMap<>(broker.brokerAddrs()).values());
            }
        }
        if (addrs.isEmpty()) {
            throw new CommandFailedException("No broker of a cluster named " + clusterName
                    + " is online: see clusterList");
        }
        return addrs;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.shutdown();
        }
        if (tracingProducer != null) {
            tracingProducer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
    }
}
