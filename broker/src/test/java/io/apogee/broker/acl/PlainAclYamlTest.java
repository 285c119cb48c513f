package io.apogee.broker.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** plain_acl.yml as RocketMQ 4.9 writes it: read, refused with the place of the problem, written back. */
class PlainAclYamlTest {

    /** RocketMQ 4.9's distribution sample, in its layout (numbers as secret keys, empty white lists). */
    static final String ROCKETMQ_SAMPLE = """
            globalWhiteRemoteAddresses:
              - 10.10.103.*
              - 192.168.0.*

            accounts:
              - accessKey: RocketMQ
                secretKey: 12345678
                whiteRemoteAddress:
                admin: false
                defaultTopicPerm: DENY
                defaultGroupPerm: SUB
                topicPerms:
                  - topicA=DENY
                  - topicB=PUB|SUB
                  - topicC=SUB
                groupPerms:
                  # the group should convert to retry topic
                  - groupA=DENY
                  - groupB=PUB|SUB
                  - groupC=SUB

              - accessKey: rocketmq2
                secretKey: 12345678
                whiteRemoteAddress: 192.168.1.*
                # if it is admin, it could access all resources
                admin: true
            """;

    @Test
    void readsRocketMqsSample() {
        PlainAclConfig c = PlainAclYaml.parse(ROCKETMQ_SAMPLE);
        assertEquals(List.of("10.10.103.*", "192.168.0.*"), c.globalWhiteRemoteAddresses());
        assertEquals(2, c.accounts().size());
        AclAccountConfig first = c.account("RocketMQ");
        assertEquals("12345678", first.secretKey(), "a number as secret key is its text");
        assertNull(first.whiteRemoteAddress());
        assertFalse(first.admin());
        assertEquals("DENY", first.defaultTopicPerm());
        assertEquals(List.of("topicA=DENY", "topicB=PUB|SUB", "topicC=SUB"), first.topicPerms());
        assertEquals(List.of("groupA=DENY", "groupB=PUB|SUB", "groupC=SUB"), first.groupPerms());
        AclAccountConfig second = c.account("rocketmq2");
        assertTrue(second.admin());
        assertEquals("192.168.1.*", second.whiteRemoteAddress());
        assertEquals(List.of(), second.topicPerms());
        assertEquals(0, c.counter());
    }

    @Test
    void theShippedSampleReads() throws IOException {
        Path shipped = Path.of("..", "distribution", "src", "main", "conf", "plain_acl.yml");
        PlainAclConfig c = PlainAclYaml.parse(Files.readString(shipped));
        assertEquals(List.of("apogee-app", "apogee-admin"),
                c.accounts().stream().map(AclAccountConfig::accessKey).toList());
        assertTrue(c.account("apogee-admin").admin());
    }

    @Test
    void anEmptyFileIsAnEmptyConfig() {
        PlainAclConfig c = PlainAclYaml.parse("# nothing yet\n");
        assertEquals(List.of(), c.accounts());
        assertEquals(List.of(), c.globalWhiteRemoteAddresses());
    }

    @Test
    void writesWhatItReads() {
        PlainAclConfig c = PlainAclYaml.parse(ROCKETMQ_SAMPLE).withGlobalWhiteRemoteAddresses(List.of("127.0.0.1"));
        String text = PlainAclYaml.write(c);
        assertEquals(c, PlainAclYaml.parse(text));
        assertTrue(text.contains("dataVersion:"), text);
        assertTrue(text.contains("- accessKey: RocketMQ"), text);
        assertEquals(1, PlainAclYaml.parse(text).counter());
    }

    @Test
    void refusesWithThePlaceAndNeverTheSecret() {
        assertRefused("accounts[0]: accessKey must be at least 7 characters long",
                "accounts:\n  - accessKey: short\n    secretKey: s3cr3t-value\n");
        assertRefused("accounts[0] (accessKey app-user): secretKey must be at least 7 characters long",
                "accounts:\n  - accessKey: app-user\n    secretKey: abc\n");
        assertRefused("accounts[0].topicPerms[1]: 'TopicB' is not name=PERM (for example topicA=SUB)",
                "accounts:\n  - accessKey: app-user\n    secretKey: s3cr3t-value\n    topicPerms: [TopicA=SUB, TopicB]\n");
        assertRefused("accounts[0].groupPerms[0]: 'pub' is not DENY, PUB, SUB or PUB|SUB",
                "accounts:\n  - accessKey: app-user\n    secretKey: s3cr3t-value\n    groupPerms: [g=pub]\n");
        assertRefused("accounts[0].defaultTopicPerm: 'ALL' is not DENY, PUB, SUB or PUB|SUB",
                "accounts:\n  - accessKey: app-user\n    secretKey: s3cr3t-value\n    defaultTopicPerm: ALL\n");
        assertRefused("accounts[1]: accessKey app-user is listed twice",
                "accounts:\n  - {accessKey: app-user, secretKey: s3cr3t-value}\n"
                        + "  - {accessKey: app-user, secretKey: s3cr3t-other}\n");
        assertRefused("globalWhiteRemoteAddresses[0]: address range 10.0.300.* : '300' is not an octet 0-255"
                .replace(" : ", ": "), "globalWhiteRemoteAddresses: [10.0.300.*]\n");
        assertRefused("accounts[0].admin: must be true or false, was yes please",
                "accounts:\n  - {accessKey: app-user, secretKey: s3cr3t-value, admin: yes please}\n");
        assertRefused("accounts: must be a list, was a mapping", "accounts: {a: b}\n");
        assertRefused("the document: must be a mapping of keys to values, was 'just text'", "just text\n");
    }

    @Test
    void refusesWhatIsNotYaml() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainAclYaml.parse("accounts: [\n  - accessKey: app-user\n"));
        assertTrue(e.getMessage().startsWith("not valid YAML: "), e.getMessage());
        IllegalArgumentException tag = assertThrows(IllegalArgumentException.class,
                () -> PlainAclYaml.parse("accounts: !!javax.script.ScriptEngineManager [x]\n"));
        assertTrue(tag.getMessage().startsWith("not valid YAML: "), tag.getMessage());
    }

    private static void assertRefused(String message, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainAclYaml.parse(text));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), "never the secret: " + e.getMessage());
    }
}
