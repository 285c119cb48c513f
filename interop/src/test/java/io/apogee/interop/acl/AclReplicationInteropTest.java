package io.apogee.interop.acl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.testsupport.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master and its slave with ACL on and one plain_acl.yml: the slave signs its metadata copies from the master
 * with the file's admin account, so a topic created on the master reaches the slave (unsigned, the master would
 * refuse every copy).
 */
class AclReplicationInteropTest {

    private static final String FILE = """
            accounts:
              - accessKey: admin-user
                secretKey: admin-secret-1
                admin: true
            """;

    @TempDir
    Path home;

    @Test
    void theSlaveCopiesTopicsFromItsMasterSigned() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf").resolve("plain_acl.yml"), FILE);
        System.setProperty("rocketmq.home.dir", home.toString());
        TestCluster cluster;
        try {
            cluster = TestCluster.builder().clusterName("AclReplication").brokers("broker-a").slaves(1)
                    .brokerProperty("aclEnable", "true").start();
        } finally {
            System.clearProperty("rocketmq.home.dir");
        }
        DefaultMQAdminExt admin = new DefaultMQAdminExt(new AclClientRPCHook(
                new SessionCredentials("admin-user", "admin-secret-1")), 15_000);
        try (cluster) {
            admin.setNamesrvAddr(cluster.namesrvAddr());
            admin.setInstanceName("acl-replication-" + System.nanoTime());
            admin.start();
            admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a", 0), new TopicConfig("AclCopied", 2, 2, 6));
            String slave = cluster.brokerAddr("broker-a", 1);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    admin.examineTopicConfig(slave, "AclCopied") != null);
            assertEquals(2, admin.examineTopicConfig(slave, "AclCopied").getWriteQueueNums());
        } finally {
            admin.shutdown();
        }
    }
}
