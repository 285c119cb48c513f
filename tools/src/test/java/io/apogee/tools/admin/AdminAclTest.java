package io.apogee.tools.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.testsupport.TestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mqadmin against a broker with ACL on: signed with --accessKey/--secretKey it administers, unsigned it is refused;
 * its ACL commands rewrite the broker's plain_acl.yml and report its version.
 */
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

            // updateAclConfig's own -a/--accessKey names the account it writes: it signs with conf/tools.yml
            Files.writeString(home.resolve("conf/tools.yml"), "accessKey: ops-admin\nsecretKey: ops-secret-1\n");
            String[] sign = {"-n", cluster.namesrvAddr()};
            succeeds(signed(sign, "updateAclConfig", "-c", "AdminAcl", "-a", "app-reader", "-s",
                    "app-reader-secret", "-t", "AclTopic=SUB", "-i", "DENY"));
            Path acl = home.resolve("conf/plain_acl.yml");
            assertTrue(Files.readString(acl).contains("app-reader"), Files.readString(acl));
            succeeds(signed(sign, "updateGlobalWhiteAddr", "-c", "AdminAcl", "-g", "10.9.8.*"));
            assertTrue(Files.readString(acl).contains("10.9.8.*"), Files.readString(acl));
            String versions = succeeds(signed(sign, "clusterAclConfigVersion", "-c", "AdminAcl"));
            assertTrue(versions.lines().anyMatch(l -> l.startsWith("AdminAcl") && l.contains("broker-a")), versions);
            succeeds(signed(sign, "deleteAclConfig", "-c", "AdminAcl", "-a", "app-reader"));
            assertFalse(Files.readString(acl).contains("app-reader"), Files.readString(acl));
        } finally {
            System.clearProperty("rocketmq.home.dir");
        }
    }

    /** {@code command} and {@code args}, then the NameServer and signing options {@code sign}. */
    private static String[] signed(String[] sign, String command, String... args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(List.of(args));
        all.addAll(List.of(sign));
        return all.toArray(String[]::new);
    }

    /** Runs {@code args}, expecting success; returns what it printed. */
    private static String succeeds(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new MQAdminStartup().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, () -> String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int run(String[] args, ByteArrayOutputStream err) {
        return new MQAdminStartup().run(args, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
