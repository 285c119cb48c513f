package io.apogee.remoting.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.protocol.LanguageCode;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    /** mqadmin 4.9.8's GET_BROKER_CLUSTER_INFO request as captured on the wire (framing.md §1). */
    private static final String CAPTURED_JSON_REQUEST = "00000065" + "00000061"
            + hex("{\"code\":106,\"flag\":0,\"language\":\"JAVA\",\"opaque\":0,"
            + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":409}");

    /** namesrv 4.9.7's binary SUCCESS response to opaque 17 (framing.md §4). */
    private static final String CAPTURED_BINARY_RESPONSE = "00000019" + "01000015"
            + "0000" + "00" + "0197" + "00000011" + "00000001" + "00000000" + "00000000";

    @Test
    void encodesTheCapturedJsonRequestByteForByte() {
        RemotingCommand cmd = RemotingCommand.decoded().code(106).version(409).opaque(0);
        assertEquals(CAPTURED_JSON_REQUEST, encodeHex(cmd));
    }

    @Test
    void decodesTheCapturedJsonRequest() throws Exception {
        RemotingCommand cmd = decodeHex(CAPTURED_JSON_REQUEST);
        assertEquals(106, cmd.code());
        assertEquals(LanguageCode.JAVA, cmd.language());
        assertEquals(409, cmd.version());
        assertEquals(0, cmd.opaque());
        assertEquals(SerializeType.JSON, cmd.serializeType());
        assertNull(cmd.body());
    }

    @Test
    void encodesAndDecodesTheCapturedBinaryResponse() throws Exception {
        RemotingCommand cmd = RemotingCommand.decoded().code(0).version(407).opaque(17).flag(1)
                .serializeType(SerializeType.ROCKETMQ);
        assertEquals(CAPTURED_BINARY_RESPONSE, encodeHex(cmd));
        RemotingCommand back = decodeHex(CAPTURED_BINARY_RESPONSE);
        assertEquals(17, back.opaque());
        assertTrue(back.isResponse());
        assertEquals(407, back.version());
        assertNull(back.remark());
        assertNull(back.extFields());
    }

    @Test
    void binaryExtFieldsLayoutMatchesTheCapture() {
        RemotingCommand cmd = RemotingCommand.decoded().serializeType(SerializeType.ROCKETMQ)
                .extFields(Map.of("offset", "7"));
        String hex = encodeHex(cmd);
        assertTrue(hex.endsWith("0000000d" + "0006" + hex("offset") + "00000001" + hex("7")), hex);
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void roundTripsEveryField(SerializeType type) throws Exception {
        Map<String, String> ext = new HashMap<>();
        ext.put("topic", "TopicTest");
        ext.put("queueId", "3");
        ext.put("properties", "KEYS\u0001k1 k2\u0002TAGS\u0001TagA\u0002");
        ext.put("unicode", "é中\"quoted\"\\\n\t");
        byte[] body = "hello-0".getBytes(StandardCharsets.UTF_8);
        RemotingCommand cmd = RemotingCommand.decoded().code(310).language(LanguageCode.GO).version(409)
                .opaque(-5).flag(2).remark("a \"remark\" with ünïcode").extFields(ext).body(body)
                .serializeType(type);

        RemotingCommand back = decode(encode(cmd).skipBytes(4));

        assertEquals(310, back.code());
        assertEquals(LanguageCode.GO, back.language());
        assertEquals(409, back.version());
        assertEquals(-5, back.opaque());
        assertTrue(back.isOneway());
        assertEquals(cmd.remark(), back.remark());
        assertEquals(ext, back.extFields());
        assertArrayEquals(body, back.body());
        assertEquals(type, back.serializeType());
    }

    @Test
    void aBodyGivenAsSlicesIsWrittenAfterTheHeaderWithoutChangingTheFrame() throws Exception {
        ByteBuffer first = ByteBuffer.allocateDirect(3).put("abc".getBytes(StandardCharsets.UTF_8)).flip();
        ByteBuffer second = ByteBuffer.wrap("defg".getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        RemotingCommand cmd = RemotingCommand.response(0, null).opaque(9).bodySlices(List.of(first, second));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder());
        channel.writeOutbound(cmd);
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
            wire.writeBytes(part);
            part.release();
        }
        assertEquals(wire.readableBytes() - 4, wire.readInt());
        RemotingCommand back = FrameCodec.decode(wire);
        assertEquals("abcdefg", new String(back.body(), StandardCharsets.UTF_8));
        assertEquals(9, back.opaque());
        assertEquals(3, first.remaining());
        channel.finishAndReleaseAll();
    }

    @Test
    void jsonDecodingIsLenientLikeRocketMq() throws Exception {
        String json = "{\"opaque\":14,\"code\":106,\"unknown\":{\"a\":[1,2]},"
                + "\"extFields\":{\"queueId\":3,\"isOrder\":true,\"topic\":\"T\"}}";
        RemotingCommand cmd = decode(frame(0, json.getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertEquals(106, cmd.code());
        assertEquals(14, cmd.opaque());
        assertEquals(0, cmd.version());
        assertEquals(LanguageCode.JAVA, cmd.language());
        assertEquals(Map.of("queueId", "3", "isOrder", "true", "topic", "T"), cmd.extFields());
    }

    @Test
    void jsonDecodingHandlesWhitespaceEscapesQuotedNumbersAndNulls() throws Exception {
        String json = " { \"code\" : \"310\" , \"remark\" : null, \"language\":\"GO\", \"x\":[{\"y\":\"}\"}],"
                + " \"extFields\" : { \"p\" : \"K\\u0001v\\u0002\\\"q\\\"\\n\", \"n\": null, \"d\": -1.5,"
                + " \"o\": {\"a\": 1} } } ";
        RemotingCommand cmd = decode(frame(0, json.getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertEquals(310, cmd.code());
        assertNull(cmd.remark());
        assertEquals(LanguageCode.GO, cmd.language());
        assertEquals("K\u0001v\u0002\"q\"\n", cmd.extFields().get("p"));
        assertEquals("-1.5", cmd.extFields().get("d"));
        assertEquals("{\"a\": 1}", cmd.extFields().get("o"));
        assertEquals(3, cmd.extFields().size());
    }

    @Test
    void jsonEncodingWritesUtf8EscapesAndIntsAsFastjsonDoes() throws Exception {
        Map<String, String> ext = new HashMap<>();
        ext.put("e", "\ud83d\ude00 \u00e9\u4e2d\u0001\u001f\b\f\r");
        RemotingCommand cmd = RemotingCommand.decoded().code(-2147483648).opaque(2147483647).flag(-12).extFields(ext);
        String json = new String(ByteBufUtil.getBytes(encode(cmd).skipBytes(8)), StandardCharsets.UTF_8);
        assertEquals("{\"code\":-2147483648,\"extFields\":{\"e\":\"\ud83d\ude00 \u00e9\u4e2d\\u0001\\u001F\\b\\f\\r\"},"
                + "\"flag\":-12,\"language\":\"JAVA\",\"opaque\":2147483647,\"serializeTypeCurrentRPC\":\"JSON\","
                + "\"version\":0}", json);
        RemotingCommand big = RemotingCommand.decoded().code(1).remark("r".repeat(200_000));
        assertEquals(big.remark(), decode(encode(big).skipBytes(4)).remark(), "a header larger than the buffer");
        assertEquals(cmd.extFields(), decode(encode(cmd).skipBytes(4)).extFields(), "and the next one after it");
    }

    @Test
    void jsonDecodingKeepsUtf8TextAndRepeatedShortStringsDecodeAlike() throws Exception {
        String json = "{\"code\":10,\"remark\":\"\u8ba2\u5355 caf\u00e9\","
                + "\"extFields\":{\"b\":\"Topic\u00e9\",\"a\":\"pg\",\"i\":\"k\\u0001\u4e2d\\u0002v\","
                + "\"o\":{\"x\":\"\u00e9\"}}}";
        for (int round = 0; round < 3; round++) {
            RemotingCommand cmd = decode(frame(0, json.getBytes(StandardCharsets.UTF_8), new byte[0]));
            assertEquals("\u8ba2\u5355 caf\u00e9", cmd.remark());
            assertEquals(Map.of("b", "Topic\u00e9", "a", "pg", "i", "k\u0001\u4e2d\u0002v", "o", "{\"x\":\"\u00e9\"}"),
                    cmd.extFields(), "round " + round);
        }
    }

    @Test
    void aHeaderLargerThanTheReadersBufferDecodesWhole() throws Exception {
        String big = "v".repeat(100_000);
        String json = "{\"code\":10,\"extFields\":{\"big\":\"" + big + "\",\"small\":\"s\"}}";
        RemotingCommand cmd = decode(frame(0, json.getBytes(StandardCharsets.US_ASCII), new byte[0]));
        assertEquals(big, cmd.extFields().get("big"));
        assertEquals("s", cmd.extFields().get("small"));
    }

    @Test
    void deeplyNestedUnknownValuesAreRefusedNotOverflowingTheStack() {
        String json = "{\"code\":10,\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
                () -> decode(frame(0, json.getBytes(StandardCharsets.US_ASCII), new byte[0])));
        assertTrue(e.getMessage().contains("nested deeper than 64 levels"), e.getMessage());
        String fine = "{\"code\":10,\"x\":" + "[".repeat(64) + "]".repeat(64) + "}";
        assertEquals(10, assertDoesNotThrow(() -> decode(frame(0, fine.getBytes(StandardCharsets.US_ASCII),
                new byte[0]))).code());
    }

    @Test
    void badHeadersFailWithAReason() {
        assertThrows(RemotingCommandException.class, () -> decode(frame(0, "{\"code\":".getBytes(), new byte[0])));
        assertThrows(RemotingCommandException.class, () -> decode(frame(0, "[1,2]".getBytes(), new byte[0])));
        assertThrows(RemotingCommandException.class, () -> decode(frame(0, "{} x".getBytes(), new byte[0])));
        assertThrows(RemotingCommandException.class,
                () -> decode(frame(0, "{\"code\":99999999999}".getBytes(), new byte[0])));
        assertThrows(RemotingCommandException.class,
                () -> decode(frame(0, "{\"remark\":\"\\q\"}".getBytes(), new byte[0])));
        assertThrows(RemotingCommandException.class, () -> decode(frame(7, "{}".getBytes(), new byte[0])));
        byte[] truncatedBinary = {0, 1, 0, 1};
        assertThrows(RemotingCommandException.class, () -> decode(frame(1, truncatedBinary, new byte[0])));
        byte[] hugeRemark = {0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0x7f, 0, 0, 0};
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
                () -> decode(frame(1, hugeRemark, new byte[0])));
        assertTrue(e.getMessage().contains("remark"), e.getMessage());

        ByteBuf lying = Unpooled.buffer();
        lying.writeInt(100);
        lying.writeBytes(new byte[10]);
        RemotingCommandException tooLong = assertThrows(RemotingCommandException.class,
                () -> FrameCodec.decode(lying));
        assertTrue(tooLong.getMessage().contains("header length 100"), tooLong.getMessage());
    }

    private static ByteBuf frame(int type, byte[] header, byte[] body) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeInt((type << 24) | header.length);
        buf.writeBytes(header);
        buf.writeBytes(body);
        return buf;
    }

    private static ByteBuf encode(RemotingCommand cmd) {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(cmd, buf);
        return buf;
    }

    /** Decodes a frame without its length prefix. */
    private static RemotingCommand decode(ByteBuf frame) throws RemotingCommandException {
        return FrameCodec.decode(frame);
    }

    private static String encodeHex(RemotingCommand cmd) {
        return ByteBufUtil.hexDump(encode(cmd));
    }

    private static RemotingCommand decodeHex(String hex) throws RemotingCommandException {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        assertEquals(buf.readableBytes() - 4, buf.readInt());
        return FrameCodec.decode(buf);
    }

    private static String hex(String s) {
        return ByteBufUtil.hexDump(s.getBytes(StandardCharsets.UTF_8));
    }
}
