package io.apogee.tools.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.testsupport.TestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mqadmin against a broker with ACL on: signed with --accessKey/--secretKey it administers, unsigned it is refused. */
class AdminAclTest {

    @TempDir
    Path home;

    @Test
    void signsWithTheGivenKeys() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/plain_acl.yml"),
                "accounts:\n  - {accessKey: ops-admin, secretKey: ops-secret-1, admin: true}\n");
        System.setProperty("rocketmq.home.dir", home.toString());
        try (TestCluster cluster = TestCluster.builder().clusterName("AdminAcl").brokers("broker-a")
                .brokerProperty("aclEnable", "true").start()) {
            String[] create = {"updateTopic", "-n", cluster.namesrvAddr(), "-c", "AdminAcl", "-t", "AclTopic"};
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(1, run(create, err));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("ACL: the request is not signed"),
                    err.toString(StandardCharsets.UTF_8));

            String[] signed = {"updateTopic", "-n", cluster.namesrvAddr(), "-c", "AdminAcl", "-t", "AclTopic",
                    "--accessKey", "ops-admin", "--secretKey", "ops-secret-1"};
            ByteArrayOutputStream signedErr = new ByteArrayOutputStream();
            assertEquals(0, run(signed, signedErr), signedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("rocketmq.home.dir");
        }
    }

    private static int run(String[] args, ByteArrayOutputStream err) {
        return new MQAdminStartup().run(args, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
