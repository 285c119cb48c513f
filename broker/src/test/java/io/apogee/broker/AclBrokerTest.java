package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.acl.PlainAclFile;
import io.apogee.broker.acl.PlainAclYaml;
import io.apogee.remoting.acl.AclSignature;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.CreateAccessConfigRequestHeader;
import io.apogee.remoting.protocol.header.DeleteAccessConfigRequestHeader;
import io.apogee.remoting.protocol.header.UpdateGlobalWhiteAddrsConfigRequestHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker with {@code aclEnable=true}: requests checked against plain_acl.yml, the file reloaded when it changes,
 * and the ACL admin requests rewriting it.
 */
class AclBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FILE = """
            accounts:
              - accessKey: app-user
                secretKey: app-secret
                topicPerms: [Orders=PUB]
              - accessKey: admin-user
                secretKey: admin-secret
                admin: true
                defaultTopicPerm: PUB|SUB
                defaultGroupPerm: PUB|SUB
            """;

    @TempDir
    Path dir;
    private Path aclFile;

    @BeforeEach
    void writeFile() throws IOException {
        aclFile = dir.resolve("acl").resolve("plain_acl.yml");
        Files.createDirectories(aclFile.getParent());
        Files.writeString(aclFile, FILE);
        System.setProperty(PlainAclFile.FILE_PROPERTY, aclFile.toString());
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(PlainAclFile.FILE_PROPERTY);
    }

    private BrokerFixture broker() throws Exception {
        Properties p = new Properties();
        p.setProperty("aclEnable", "true");
        return new BrokerFixture(dir.resolve("store"), p);
    }

    private static RemotingCommand signed(RemotingCommand request, String ak, String sk) {
        AclSignature.signRequest(request, ak, sk, null);
        return request;
    }

    @Test
    void requestsAreCheckedAgainstTheFile() throws Exception {
        try (BrokerFixture f = broker()) {
            assertEquals(ResponseCode.SUCCESS, f.invoke(signed(create("Orders"), "admin-user", "admin-secret"))
                    .code());
            RemotingCommand unsigned = f.invoke(BrokerFixture.send("Orders", 0, "m", ""));
            assertEquals(ResponseCode.NO_PERMISSION, unsigned.code());
            assertEquals("ACL: the request is not signed (no AccessKey) and 127.0.0.1 is not in"
                    + " globalWhiteRemoteAddresses", unsigned.remark());
            assertEquals(ResponseCode.SUCCESS,
                    f.invoke(signed(BrokerFixture.send("Orders", 0, "m", ""), "app-user", "app-secret")).code());
            RemotingCommand wrong = f.invoke(signed(BrokerFixture.send("Orders", 0, "m", ""), "app-user", "nope1234"));
            assertEquals(ResponseCode.NO_PERMISSION, wrong.code());
            assertTrue(wrong.remark().startsWith("ACL: bad signature for accessKey app-user"), wrong.remark());
            RemotingCommand notAdmin = f.invoke(signed(create("Other"), "app-user", "app-secret"));
            assertEquals(ResponseCode.NO_PERMISSION, notAdmin.code());
            assertEquals(1, f.broker.store().getMaxOffsetInQueue("Orders", 0), "refused sends are not stored");
        }
    }

    @Test
    void aChangedFileTakesEffectAndABrokenOneIsRefused() throws Exception {
        try (BrokerFixture f = broker()) {
            assertEquals(ResponseCode.SUCCESS, f.invoke(signed(create("Audit"), "admin-user", "admin-secret"))
                    .code());
            RemotingCommand before = f.invoke(signed(BrokerFixture.send("Audit", 0, "m", ""), "app-user",
                    "app-secret"));
            assertEquals("ACL: accessKey app-user has no PUB permission on topic Audit", before.remark());

            Files.writeString(aclFile, FILE.replace("[Orders=PUB]", "[Orders=PUB, Audit=PUB]"));
            await().atMost(WAIT).until(() -> f.invoke(signed(BrokerFixture.send("Audit", 0, "m", ""), "app-user",
                    "app-secret")).code() == ResponseCode.SUCCESS);

            Files.writeString(aclFile, "accounts: [ broken");
            f.broker.aclFile().reloadIfChanged();
            assertEquals(ResponseCode.SUCCESS, f.invoke(signed(BrokerFixture.send("Audit", 0, "m", ""), "app-user",
                    "app-secret")).code(), "a file that does not parse leaves the rules in force");
        }
    }

    @Test
    void aclAdminRequestsRewriteTheFile() throws Exception {
        try (BrokerFixture f = broker()) {
            CreateAccessConfigRequestHeader h = new CreateAccessConfigRequestHeader();
            h.setAccessKey("new-user");
            h.setSecretKey("new-secret");
            h.setDefaultTopicPerm("PUB");
            h.setGroupPerms("billing=SUB,audit=DENY");
            RemotingCommand refused = f.invoke(signed(RemotingCommand.request(
                    RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, h), "app-user", "app-secret"));
            assertEquals(ResponseCode.NO_PERMISSION, refused.code(), "only an admin changes the ACL");
            RemotingCommand created = f.invoke(signed(RemotingCommand.request(
                    RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, h), "admin-user", "admin-secret"));
            assertEquals(ResponseCode.SUCCESS, created.code(), created.remark());
            var written = PlainAclYaml.parse(Files.readString(aclFile));
            assertEquals(List.of("billing=SUB", "audit=DENY"), written.account("new-user").groupPerms());
            assertEquals(1, written.counter());
            assertEquals(ResponseCode.SUCCESS, f.invoke(signed(create("Fresh"), "admin-user", "admin-secret"))
                    .code());
            assertEquals(ResponseCode.SUCCESS, f.invoke(signed(BrokerFixture.send("Fresh", 0, "m", ""), "new-user",
                    "new-secret")).code(), "the new account works at once");

            CreateAccessConfigRequestHeader bad = new CreateAccessConfigRequestHeader();
            bad.setAccessKey("new-user");
            bad.setTopicPerms("Fresh=EVERYTHING");
            RemotingCommand badAnswer = f.invoke(signed(RemotingCommand.request(
                    RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, bad), "admin-user", "admin-secret"));
            assertEquals(ResponseCode.UPDATE_AND_CREATE_ACL_CONFIG_FAILED, badAnswer.code());
            assertEquals("account.topicPerms[0]: 'EVERYTHING' is not DENY, PUB, SUB or PUB|SUB", badAnswer.remark());

            UpdateGlobalWhiteAddrsConfigRequestHeader g = new UpdateGlobalWhiteAddrsConfigRequestHeader();
            g.setGlobalWhiteAddrs("10.0.0.*,127.0.0.1");
            assertEquals(ResponseCode.SUCCESS, f.invoke(signed(RemotingCommand.request(
                    RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG, g), "admin-user", "admin-secret")).code());
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send("Fresh", 0, "m", "")).code(),
                    "127.0.0.1 is white-listed now");

            DeleteAccessConfigRequestHeader d = new DeleteAccessConfigRequestHeader();
            d.setAccessKey("no-such-user");
            RemotingCommand missing = f.invoke(RemotingCommand.request(RequestCode.DELETE_ACL_CONFIG, d));
            assertEquals(ResponseCode.DELETE_ACL_CONFIG_FAILED, missing.code());
            assertEquals("accessKey no-such-user is not in " + aclFile, missing.remark());
            d.setAccessKey("new-user");
            assertEquals(ResponseCode.SUCCESS, f.invoke(RemotingCommand.request(RequestCode.DELETE_ACL_CONFIG, d))
                    .code());

            RemotingCommand version = f.invoke(RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_ACL_INFO,
                    null));
            assertEquals(ResponseCode.SUCCESS, version.code());
            assertTrue(version.extFields().get("version").startsWith("{\"counter\":3,"), version.extFields()
                    .toString());
            assertEquals("broker-test", version.extFields().get("brokerName"));
        }
    }

    @Test
    void aMissingFileStopsTheStart() throws Exception {
        Files.delete(aclFile);
        Exception e = assertThrows(Exception.class, this::broker);
        assertTrue(e.getMessage().startsWith("aclEnable=true but the ACL file " + aclFile + " does not exist"),
                e.getMessage());
    }

    @Test
    void withAclOffTheAdminRequestsSaySo() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir.resolve("store"), new Properties())) {
            RemotingCommand answer = f.invoke(RemotingCommand.request(RequestCode.DELETE_ACL_CONFIG, null));
            assertEquals(ResponseCode.DELETE_ACL_CONFIG_FAILED, answer.code());
            assertEquals("ACL is off on this broker (aclEnable=false)", answer.remark());
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send("Any", 0, "m", "")).code(),
                    "nothing is checked");
        }
    }

    private static RemotingCommand create(String topic) {
        io.apogee.remoting.protocol.header.CreateTopicRequestHeader h =
                new io.apogee.remoting.protocol.header.CreateTopicRequestHeader();
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setReadQueueNums(1);
        h.setWriteQueueNums(1);
        h.setPerm(6);
        h.setTopicFilterType("SINGLE_TAG");
        h.setOrder(false);
        return RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, h);
    }
}
