package io.apogee.interop.remoting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.codec.FrameCodec;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;
import io.apogee.remoting.protocol.ResponseCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.remoting.protocol.LanguageCode;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Apache's remoting client against our server, our client against Apache's server, and both encoders side by side. */
class RemotingInteropTest {

    private static final int ECHO = 1000;
    private static final int ROUTE = 105;
    private static final byte[] BODY = "{\"topic\":\"T\",\"é\":\"\\u0001\"}".getBytes(StandardCharsets.UTF_8);

    /** Our copy of the route request header, to check that Apache's extFields decode into it. */
    static class RouteHeader implements CommandCustomHeader {
        @Required
        String topic;
        Boolean acceptStandardJsonOnly;
    }

    private static ExecutorService executor;
    private static NettyRemotingServer ourServer;
    private static org.apache.rocketmq.remoting.netty.NettyRemotingServer apacheServer;
    private static org.apache.rocketmq.remoting.netty.NettyRemotingClient apacheClient;
    private static NettyRemotingClient ourClient;
    private static final List<io.apogee.remoting.protocol.RemotingCommand> onewaysSeen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        executor = BoundedExecutors.fixed("ApogeeInteropEcho", 4, 10_000);
        ourServer = new NettyRemotingServer(new NettyServerConfig(), null);
        ourServer.registerProcessor(ECHO, echo(), executor);
        ourServer.registerProcessor(ROUTE, (ch, req) -> {
            RouteHeader h = req.decodeHeader(RouteHeader.class);
            return io.apogee.remoting.protocol.RemotingCommand.response(ResponseCode.SUCCESS, null)
                    .addExtField("topic", h.topic).addExtField("std", String.valueOf(h.acceptStandardJsonOnly));
        }, executor);
        ourServer.start();

        org.apache.rocketmq.remoting.netty.NettyServerConfig apacheConfig =
                new org.apache.rocketmq.remoting.netty.NettyServerConfig();
        apacheConfig.setListenPort(0);
        apacheServer = new org.apache.rocketmq.remoting.netty.NettyRemotingServer(apacheConfig);
        apacheServer.registerProcessor(ECHO, new ApacheEcho(), executor);
        apacheServer.start();

        apacheClient = new org.apache.rocketmq.remoting.netty.NettyRemotingClient(
                new org.apache.rocketmq.remoting.netty.NettyClientConfig());
        apacheClient.start();
        ourClient = new NettyRemotingClient(new NettyClientConfig(), null);
        ourClient.start();
    }

    @AfterAll
    static void stop() {
        ourClient.shutdown();
        apacheClient.shutdown();
        apacheServer.shutdown();
        ourServer.shutdown();
        executor.shutdownNow();
    }

    private static RequestProcessor echo() {
        return (ch, req) -> {
            if (req.isOneway()) {
                onewaysSeen.add(req);
                return null;
            }
            return io.apogee.remoting.protocol.RemotingCommand.response(ResponseCode.SUCCESS, req.remark())
                    .extFields(req.extFields()).body(req.body());
        };
    }

    private static String ourAddress() {
        return "127.0.0.1:" + ourServer.localPort();
    }

    private static String apacheAddress() {
        return "127.0.0.1:" + apacheServer.localListenPort();
    }

    private static RemotingCommand apacheRequest(SerializeType type, String id) {
        RemotingCommand request = RemotingCommand.createRequestCommand(ECHO, null);
        request.addExtField("id", id);
        request.addExtField("properties", "KEYS\u0001k1\u0002TAGS\u0001TagA\u0002");
        request.setRemark("remark " + id);
        request.setBody(BODY);
        request.setSerializeTypeCurrentRPC(type);
        return request;
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void apacheClientSyncAsyncOnewayAgainstOurServer(SerializeType type) throws Exception {
        RemotingCommand sync = apacheClient.invokeSync(ourAddress(), apacheRequest(type, "sync"), 15_000);
        assertEquals(0, sync.getCode());
        assertEquals("sync", sync.getExtFields().get("id"));
        assertEquals("KEYS\u0001k1\u0002TAGS\u0001TagA\u0002", sync.getExtFields().get("properties"));
        assertEquals("remark sync", sync.getRemark());
        assertArrayEquals(BODY, sync.getBody());
        assertEquals(type, sync.getSerializeTypeCurrentRPC());
        assertEquals(io.apogee.remoting.protocol.RemotingCommand.CURRENT_VERSION, sync.getVersion());

        AtomicReference<RemotingCommand> async = new AtomicReference<>();
        apacheClient.invokeAsync(ourAddress(), apacheRequest(type, "async"), 3000,
                f -> async.set(f.getResponseCommand()));
        await().atMost(Duration.ofSeconds(30)).until(() -> async.get() != null);
        assertEquals("async", async.get().getExtFields().get("id"));
        assertArrayEquals(BODY, async.get().getBody());

        String onewayId = "oneway-" + type;
        apacheClient.invokeOneway(ourAddress(), apacheRequest(type, onewayId), 15_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> onewaysSeen.stream()
                .anyMatch(r -> onewayId.equals(r.extFields().get("id"))));
    }

    @Test
    void apacheHeaderClassesDecodeIntoOurs() throws Exception {
        GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
        header.setTopic("TopicTest");
        header.setAcceptStandardJsonOnly(true);
        RemotingCommand response = apacheClient.invokeSync(ourAddress(),
                RemotingCommand.createRequestCommand(ROUTE, header), 15_000);
        assertEquals("TopicTest", response.getExtFields().get("topic"));
        assertEquals("true", response.getExtFields().get("std"));
    }

    @Test
    void unknownCodeAnswersLikeApache() throws Exception {
        RemotingCommand ours = apacheClient.invokeSync(ourAddress(), RemotingCommand.createRequestCommand(9999, null),
                3000);
        RemotingCommand theirs = apacheClient.invokeSync(apacheAddress(),
                RemotingCommand.createRequestCommand(9999, null), 15_000);
        assertEquals(theirs.getCode(), ours.getCode());
        assertEquals(theirs.getRemark(), ours.getRemark());
    }

    @ParameterizedTest
    @EnumSource(io.apogee.remoting.protocol.SerializeType.class)
    void ourClientSyncAsyncOnewayAgainstApacheServer(io.apogee.remoting.protocol.SerializeType type) throws Exception {
        io.apogee.remoting.protocol.RemotingCommand sync = ourClient.invokeSync(apacheAddress(), ourRequest(type,
                "sync"), 15_000);
        assertEquals(0, sync.code());
        assertEquals("sync", sync.extFields().get("id"));
        assertEquals("remark sync", sync.remark());
        assertArrayEquals(BODY, sync.body());
        assertEquals(type, sync.serializeType());

        AtomicReference<io.apogee.remoting.protocol.RemotingCommand> async = new AtomicReference<>();
        ourClient.invokeAsync(apacheAddress(), ourRequest(type, "async"), 3000, (r, e) -> async.set(r));
        await().atMost(Duration.ofSeconds(30)).until(() -> async.get() != null);
        assertEquals("async", async.get().extFields().get("id"));
        assertArrayEquals(BODY, async.get().body());

        // A oneway to Apache gets no answer; the connection stays usable afterwards.
        ourClient.invokeOneway(apacheAddress(), ourRequest(type, "oneway"), 15_000);
        assertEquals("after", ourClient.invokeSync(apacheAddress(), ourRequest(type, "after"), 15_000)
                .extFields().get("id"));
    }

    private static io.apogee.remoting.protocol.RemotingCommand ourRequest(io.apogee.remoting.protocol.SerializeType type,
            String id) {
        return io.apogee.remoting.protocol.RemotingCommand.request(ECHO, null).addExtField("id", id)
                .remark("remark " + id).body(BODY).serializeType(type);
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void framesAreByteForByteApaches(SerializeType type) throws Exception {
        for (Map<String, String> ext : List.of(Map.<String, String>of(),
                Map.of("properties", "KEYS\u0001k1\u0002UNIQ_KEY\u0001AC11\u001f\u0002"),
                Map.of("topic", "TopicTest"))) {
            RemotingCommand apache = RemotingCommand.createResponseCommand(17, "No topic route info \"x\" é");
            apache.setOpaque(12345);
            apache.setVersion(409);
            apache.setLanguage(LanguageCode.JAVA);
            apache.setSerializeTypeCurrentRPC(type);
            apache.setExtFields(ext.isEmpty() ? null : new HashMap<>(ext));
            apache.setBody(BODY);
            ByteBuffer theirs = apache.encode();

            io.apogee.remoting.protocol.RemotingCommand ours = io.apogee.remoting.protocol.RemotingCommand
                    .response(17, "No topic route info \"x\" é").opaque(12345).version(409)
                    .serializeType(io.apogee.remoting.protocol.SerializeType.valueOf(type.name()))
                    .extFields(ext.isEmpty() ? null : new HashMap<>(ext)).body(BODY);
            ByteBuf buf = Unpooled.buffer();
            FrameCodec.encode(ours, buf);
            byte[] theirBytes = new byte[theirs.remaining()];
            theirs.get(theirBytes);
            assertEquals(ByteBufUtil.hexDump(theirBytes), ByteBufUtil.hexDump(buf), "frame for " + ext);

            RemotingCommand decodedByApache = RemotingCommand.decode(ByteBuffer.wrap(theirBytes, 4,
                    theirBytes.length - 4));
            assertNotNull(decodedByApache);
        }
    }
}
