package io.apogee.tools.admin.command;

import io.apogee.client.acl.SessionCredentials;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.producer.DefaultMQProducer;
import java.io.PrintStream;
import java.util.List;

/**
 * What a sub-command works with: the NameServer address, the output stream, and an admin client (and producer)
 * started on first use and shut down when the command ends.
 */
public final class AdminSession implements AutoCloseable {

    private final String namesrvAddr;
    /** Signs every request when not null (brokers with ACL on). */
    private final SessionCredentials credentials;
    private final PrintStream out;
    private DefaultMQAdminExt admin;
    private DefaultMQProducer producer;

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

    /** The admin client, started on first use. */
    public DefaultMQAdminExt admin() throws Exception {
        if (admin == null) {
            DefaultMQAdminExt created = credentials == null ? new DefaultMQAdminExt()
                    : new DefaultMQAdminExt(credentials);
            created.setNamesrvAddr(namesrvAddr);
            created.setInstanceName("mqadmin-" + ProcessHandle.current().pid());
            created.start();
            admin = created;
        }
        return admin;
    }

    /** A producer in group {@code TOOLS_PRODUCER}, started on first use. */
    public DefaultMQProducer producer() throws Exception {
        if (producer == null) {
            DefaultMQProducer created = credentials == null ? new DefaultMQProducer("TOOLS_PRODUCER")
                    : new DefaultMQProducer("TOOLS_PRODUCER", credentials);
            created.setNamesrvAddr(namesrvAddr);
            created.setInstanceName("mqadmin-producer-" + ProcessHandle.current().pid());
            created.start();
            producer = created;
        }
        return producer;
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

    @Override
    public void close() {
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
    }
}
