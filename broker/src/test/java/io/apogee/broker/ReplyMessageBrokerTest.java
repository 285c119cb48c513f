package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.GetMaxOffsetRequestHeader;
import io.apogee.remoting.protocol.header.ReplyMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import io.apogee.remoting.protocol.heartbeat.ProducerData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEND_REPLY_MESSAGE(_V2) on a broker: the reply is pushed as PUSH_REPLY_MESSAGE_TO_CLIENT to the producer connection
 * its REPLY_TO_CLIENT names, with RocketMQ's header fields, and stored in {@code <cluster>_REPLY_TOPIC} unless
 * {@code storeReplyMessageEnable=false}; an unknown or missing requester is SYSTEM_ERROR with the reason.
 */
class ReplyMessageBrokerTest {

    private static final String REPLY_TOPIC = "TestCluster_REPLY_TOPIC";
    private static final String REQUESTER = "127.0.0.1@requester";

    @TempDir
    Path dir;

    private final BlockingQueue<RemotingCommand> pushes = new LinkedBlockingQueue<>();
    private final ExecutorService pushExecutor = Executors.newSingleThreadExecutor();
    private NettyRemotingClient requester;

    @AfterEach
    void stopRequester() {
        if (requester != null) {
            requester.shutdown();
        }
        pushExecutor.shutdownNow();
    }

    @Test
    void theReplyIsPushedToTheRequesterAndStoredInTheReplyTopic() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            TopicConfig topic = f.broker.topics().select(REPLY_TOPIC);
            assertEquals(1, topic.getWriteQueueNums());
            assertEquals(6, topic.getPerm());
            connectRequester(f);

            RemotingCommand answer = f.invoke(reply(RequestCode.SEND_REPLY_MESSAGE_V2, REPLY_TOPIC, REQUESTER, "pong"));
            assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
            assertEquals("0", answer.extFields().get("queueOffset"));

            RemotingCommand push = pushes.poll(30, TimeUnit.SECONDS);
            assertNotNull(push, "no push reached the requester");
            assertEquals(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, push.code());
            assertEquals("pong", new String(push.body(), StandardCharsets.UTF_8));
            ReplyMessageRequestHeader h = push.decodeHeader(ReplyMessageRequestHeader.class);
            assertEquals(REPLY_TOPIC, h.getTopic());
            assertEquals("reply-pg", h.getProducerGroup());
            assertEquals(f.addr, h.getStoreHost());
            assertTrue(h.getBornHost().startsWith("127.0.0.1:"), h.getBornHost());
            assertTrue(h.getStoreTimestamp() > 0);
            Map<String, String> properties = PropertiesCodec.decode(h.getProperties());
            assertEquals("corr-1", properties.get(MessageProperty.CORRELATION_ID));
            assertEquals(REQUESTER, properties.get(MessageProperty.MESSAGE_REPLY_TO_CLIENT));
            assertNotNull(properties.get(MessageProperty.PUSH_REPLY_TIME));

            assertEquals(1, maxOffset(f));
        }
    }

    @Test
    void theV1CodeIsServedAndStoreReplyMessageEnableFalseOnlyPushes() throws Exception {
        Properties p = new Properties();
        p.setProperty("storeReplyMessageEnable", "false");
        try (BrokerFixture f = new BrokerFixture(dir, p)) {
            connectRequester(f);
            RemotingCommand answer = f.invoke(reply(RequestCode.SEND_REPLY_MESSAGE, REPLY_TOPIC, REQUESTER, "pong"));
            assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
            assertEquals("0", answer.extFields().get("msgId"));
            assertNotNull(pushes.poll(30, TimeUnit.SECONDS), "no push reached the requester");
            assertEquals(0, maxOffset(f));
        }
    }

    @Test
    void aReplyToNobodyIsRefusedWithTheReason() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            RemotingCommand unknown = f.invoke(reply(RequestCode.SEND_REPLY_MESSAGE_V2, REPLY_TOPIC,
                    "nobody@1", "pong"));
            assertEquals(ResponseCode.SYSTEM_ERROR, unknown.code());
            assertEquals("push reply message fail, channel of <nobody@1> not found.", unknown.remark());

            RemotingCommand missing = f.invoke(reply(RequestCode.SEND_REPLY_MESSAGE_V2, REPLY_TOPIC, null, "pong"));
            assertEquals(ResponseCode.SYSTEM_ERROR, missing.code());
            assertEquals("reply message properties[REPLY_TO_CLIENT] is null", missing.remark());
        }
    }

    @Test
    void aReplyToAMissingTopicIsRefused() throws Exception {
        Properties p = new Properties();
        p.setProperty("autoCreateTopicEnable", "false");
        try (BrokerFixture f = new BrokerFixture(dir, p)) {
            RemotingCommand answer = f.invoke(reply(RequestCode.SEND_REPLY_MESSAGE_V2, "NoSuchTopic", REQUESTER,
                    "pong"));
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, answer.code());
            assertTrue(answer.remark().contains("NoSuchTopic"), answer.remark());
        }
    }

    /** A producer connection of client {@code REQUESTER} that records what the broker pushes to it. */
    private void connectRequester(BrokerFixture f) throws Exception {
        requester = new NettyRemotingClient(new NettyClientConfig(), null);
        requester.registerProcessor(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, (channel, request) -> {
            pushes.add(request);
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }, pushExecutor);
        requester.start();
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.setClientID(REQUESTER);
        heartbeat.getProducerDataSet().add(new ProducerData("request-pg"));
        RemotingCommand registered = requester.invokeSync(f.addr,
                RemotingCommand.request(RequestCode.HEART_BEAT, null).body(heartbeat.encode()), 15_000);
        assertEquals(ResponseCode.SUCCESS, registered.code(), registered.remark());
    }

    /** A reply as {@code MessageUtil.createReplyMessage} builds it; {@code replyTo} null leaves REPLY_TO_CLIENT out. */
    private static RemotingCommand reply(int code, String topic, String replyTo, String body) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MessageProperty.MESSAGE_TYPE, "reply");
        properties.put(MessageProperty.CORRELATION_ID, "corr-1");
        if (replyTo != null) {
            properties.put(MessageProperty.MESSAGE_REPLY_TO_CLIENT, replyTo);
        }
        properties.put(MessageProperty.MESSAGE_TTL, "3000");
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("reply-pg");
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(0);
        h.setSysFlag(0);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties(PropertiesCodec.encode(properties));
        RemotingCommand request = code == RequestCode.SEND_REPLY_MESSAGE_V2
                ? RemotingCommand.request(code, SendMessageRequestHeaderV2.fromV1(h))
                : RemotingCommand.request(code, h);
        return request.body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static long maxOffset(BrokerFixture f) throws Exception {
        GetMaxOffsetRequestHeader h = new GetMaxOffsetRequestHeader();
        h.setTopic(REPLY_TOPIC);
        h.setQueueId(0);
        RemotingCommand r = f.invoke(RemotingCommand.request(RequestCode.GET_MAX_OFFSET, h));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        return Long.parseLong(r.extFields().get("offset"));
    }
}
