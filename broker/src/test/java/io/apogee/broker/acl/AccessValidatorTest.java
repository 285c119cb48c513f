package io.apogee.broker.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.apogee.common.consumer.SubscriptionData;
import io.apogee.remoting.acl.AclSignature;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.CreateTopicRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks in RocketMQ 4.9's order, each refusal naming what failed. */
class AccessValidatorTest {

    private static final String FILE = """
            globalWhiteRemoteAddresses: [10.9.9.*]
            accounts:
              - accessKey: app-user
                secretKey: app-secret
                defaultTopicPerm: DENY
                defaultGroupPerm: DENY
                topicPerms: [Orders=PUB|SUB, Audit=SUB, Blocked=DENY]
                groupPerms: [billing=SUB]
              - accessKey: trusted-user
                secretKey: trusted-secret
                whiteRemoteAddress: 10.1.1.{1,2}
              - accessKey: admin-user
                secretKey: admin-secret
                admin: true
            """;
    private static final String PEER = "10.0.0.5:40001";

    private final AccessValidator validator = new AccessValidator(() -> AclRules.of(PlainAclYaml.parse(FILE)));

    @Test
    void aSignedSendWithPubPasses() {
        assertNull(validator.refusal(PEER, signed(send("Orders"), "app-user", "app-secret")));
    }

    @Test
    void theSignatureCoversHeaderAndBody() {
        RemotingCommand request = signed(send("Orders"), "app-user", "app-secret");
        request.body("changed".getBytes(StandardCharsets.UTF_8));
        assertEquals("ACL: bad signature for accessKey app-user (signed with another secretKey, or the request was"
                + " changed)", validator.refusal(PEER, request));
        RemotingCommand other = signed(send("Orders"), "app-user", "app-secret");
        other.extFields().put("b", "Audit");
        assertEquals("ACL: bad signature for accessKey app-user (signed with another secretKey, or the request was"
                + " changed)", validator.refusal(PEER, other));
    }

    @Test
    void aWrongSecretIsABadSignatureAndNeverShowsTheSecret() {
        String refusal = validator.refusal(PEER, signed(send("Orders"), "app-user", "guessed-secret"));
        assertEquals("ACL: bad signature for accessKey app-user (signed with another secretKey, or the request was"
                + " changed)", refusal);
        assertFalse(refusal.contains("app-secret"));
    }

    @Test
    void unknownKeyAndUnsignedRequests() {
        assertEquals("ACL: unknown accessKey nobody-here (no such account in plain_acl.yml)",
                validator.refusal(PEER, signed(send("Orders"), "nobody-here", "whatever-secret")));
        assertEquals("ACL: the request is not signed (no AccessKey) and 10.0.0.5 is not in"
                + " globalWhiteRemoteAddresses", validator.refusal(PEER, send("Orders")));
    }

    @Test
    void whiteListsPassWithoutSignature() {
        assertNull(validator.refusal("10.9.9.200:5000", send("Blocked")), "global white list: anything goes");
        RemotingCommand unsignedButKnown = send("Blocked");
        unsignedButKnown.addExtField(AclSignature.ACCESS_KEY, "trusted-user");
        assertNull(validator.refusal("10.1.1.2:5000", unsignedButKnown), "the account's own white list");
        assertEquals("ACL: bad signature for accessKey trusted-user (signed with another secretKey, or the request"
                + " was changed)", validator.refusal("10.1.1.3:5000", unsignedButKnown));
    }

    @Test
    void topicPermissions() {
        assertEquals("ACL: accessKey app-user has no PUB permission on topic Audit",
                validator.refusal(PEER, signed(send("Audit"), "app-user", "app-secret")));
        assertEquals("ACL: accessKey app-user has no PUB permission on topic Blocked",
                validator.refusal(PEER, signed(send("Blocked"), "app-user", "app-secret")));
        assertEquals("ACL: accessKey app-user has no PUB permission on topic Elsewhere",
                validator.refusal(PEER, signed(send("Elsewhere"), "app-user", "app-secret")), "default DENY");
        assertNull(validator.refusal(PEER, signed(send("RMQ_SYS_TRACE_TOPIC"), "app-user", "app-secret")),
                "trace sends pass once signed, as RocketMQ's");
    }

    @Test
    void pullsNeedSubOnTopicAndGroup() {
        assertNull(validator.refusal(PEER, signed(pull("Audit", "billing"), "app-user", "app-secret")));
        assertEquals("ACL: accessKey app-user has no SUB permission on group other",
                validator.refusal(PEER, signed(pull("Audit", "other"), "app-user", "app-secret")));
        assertEquals("ACL: accessKey app-user has no SUB permission on topic Blocked",
                validator.refusal(PEER, signed(pull("Blocked", "billing"), "app-user", "app-secret")));
    }

    @Test
    void heartbeatsNeedSubOnEveryGroupAndTopic() {
        assertNull(validator.refusal(PEER, signed(heartbeat("billing", "Orders"), "app-user", "app-secret")));
        assertEquals("ACL: accessKey app-user has no SUB permission on topic Elsewhere",
                validator.refusal(PEER, signed(heartbeat("billing", "Elsewhere"), "app-user", "app-secret")));
    }

    @Test
    void adminCodesNeedAnAdminAccount() {
        CreateTopicRequestHeader h = new CreateTopicRequestHeader();
        h.setTopic("NewTopic");
        RemotingCommand create = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, h);
        assertEquals("ACL: UPDATE_AND_CREATE_TOPIC (17) needs an admin account, and accessKey app-user is not admin",
                validator.refusal(PEER, signed(create, "app-user", "app-secret")));
        assertNull(validator.refusal(PEER, signed(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, h),
                "admin-user", "admin-secret")));
        assertEquals("ACL: DELETE_ACL_CONFIG (51) needs an admin account, and accessKey app-user is not admin",
                validator.refusal(PEER, signed(RemotingCommand.request(RequestCode.DELETE_ACL_CONFIG, null),
                        "app-user", "app-secret")));
    }

    @Test
    void anAdminWithoutEntriesMayTouchAnyTopic() {
        assertNull(validator.refusal(PEER, signed(send("Blocked"), "admin-user", "admin-secret")),
                "as RocketMQ's: an admin account lists no topics, so every topic is allowed");
    }

    @Test
    void theSignatureIsRocketMqs() {
        // HmacSHA1/Base64 of the sorted values "AK" + "b-value" + body under "secret", computed independently.
        RemotingCommand r = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, null)
                .addExtField("b", "b-value").addExtField(AclSignature.ACCESS_KEY, "AK")
                .body("xyz".getBytes(StandardCharsets.UTF_8));
        assertEquals("AKb-valuexyz", new String(AclSignature.content(r), StandardCharsets.UTF_8));
        assertEquals("2RIM9GC/frTzADc24Xdi8YuafXQ=", AclSignature.sign(AclSignature.content(r), "secret"));
    }

    static RemotingCommand signed(RemotingCommand r, String ak, String sk) {
        AclSignature.signRequest(r, ak, sk, null);
        return r;
    }

    private static RemotingCommand send(String topic) {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("producers");
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(0);
        h.setSysFlag(0);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties("");
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.fromV1(h))
                .body("hello".getBytes(StandardCharsets.UTF_8));
    }

    private static RemotingCommand pull(String topic, String group) {
        PullMessageRequestHeader h = new PullMessageRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic(topic);
        h.setQueueId(0);
        h.setQueueOffset(0L);
        h.setMaxMsgNums(32);
        h.setSysFlag(0);
        h.setCommitOffset(0L);
        h.setSuspendTimeoutMillis(0L);
        h.setSubVersion(0L);
        return RemotingCommand.request(RequestCode.PULL_MESSAGE, h);
    }

    private static RemotingCommand heartbeat(String group, String topic) {
        SubscriptionData sub = new SubscriptionData();
        sub.setTopic(topic);
        sub.setSubString("*");
        ConsumerData consumer = new ConsumerData();
        consumer.setGroupName(group);
        consumer.setSubscriptionDataSet(Set.of(sub));
        HeartbeatData data = new HeartbeatData();
        data.setClientID("client@1");
        data.setConsumerDataSet(Set.of(consumer));
        data.setProducerDataSet(Set.of());
        return RemotingCommand.request(RequestCode.HEART_BEAT, null).body(data.encode());
    }
}
