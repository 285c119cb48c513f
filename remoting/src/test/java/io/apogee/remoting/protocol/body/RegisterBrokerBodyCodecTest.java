package io.apogee.remoting.protocol.body;

import io.apogee.common.topic.TopicConfig;
import io.apogee.common.topic.TopicFilterType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommandException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class RegisterBrokerBodyCodecTest {

    private static RegisterBrokerBody body() {
        Map<String, TopicConfig> topics = new LinkedHashMap<>();
        topics.put("TBW102", new TopicConfig("TBW102", 8, 8, 7, TopicFilterType.SINGLE_TAG, 0, false));
        topics.put("ProtoTopic", TopicConfig.withDefaults("ProtoTopic").withQueueNums(4, 4));
        return new RegisterBrokerBody(new TopicConfigSerializeWrapper(topics, new DataVersion(0, 1795460525015L)),
                List.of());
    }

    @Test
    void plainFormIsTheCapturedJsonShape() {
        String json = new String(RegisterBrokerBodyCodec.encode(body(), false), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"filterServerList\":[],\"topicConfigSerializeWrapper\":{\"dataVersion\":"
                + "{\"counter\":0,\"timestamp\":1795460525015},\"topicConfigTable\":{\"TBW102\":{\"order\":false,"
                + "\"perm\":7,\"readQueueNums\":8,\"topicFilterType\":\"SINGLE_TAG\",\"topicName\":\"TBW102\","
                + "\"topicSysFlag\":0,\"writeQueueNums\":8}"), json);
    }

    @Test
    void bothFormsRoundTrip() throws Exception {
        assertEquals(body(), RegisterBrokerBodyCodec.decode(RegisterBrokerBodyCodec.encode(body(), false), false));
        byte[] compressed = RegisterBrokerBodyCodec.encode(body(), true);
        assertEquals(0x78, compressed[0] & 0xFF);
        assertEquals(0xDA, compressed[1] & 0xFF);
        // The compressed form carries neither topicSysFlag nor order; these topics have neither set.
        assertEquals(body(), RegisterBrokerBodyCodec.decode(compressed, true));
    }

    @Test
    void crcIsMaskedToANonNegativeInt() {
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        assertEquals((int) (crc.getValue() & 0x7FFFFFFF), RegisterBrokerBodyCodec.crc32(bytes));
        assertTrue(RegisterBrokerBodyCodec.crc32(new byte[] {1, 2, 3, 4, 5}) >= 0);
    }

    @Test
    void corruptCompressedBodiesFailWithAReason() throws Exception {
        byte[] good = RegisterBrokerBodyCodec.encode(body(), true);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        assertMessage("invalid compressed RegisterBrokerBody body", truncated);
        assertMessage("invalid compressed RegisterBrokerBody body", "not zlib".getBytes(StandardCharsets.UTF_8));
        assertMessage("out of bounds", deflate(out -> out.writeInt(-5)));
        assertMessage("out of bounds", deflate(out -> out.writeInt(Integer.MAX_VALUE)));
        assertMessage("invalid topic line", deflate(out -> {
            chunk(out, "{\"counter\":1,\"timestamp\":2}");
            out.writeInt(1);
            chunk(out, "T 4 4");
        }));
        assertMessage("invalid topic line", deflate(out -> {
            chunk(out, "{\"counter\":1,\"timestamp\":2}");
            out.writeInt(1);
            chunk(out, "T 4 x 6 SINGLE_TAG");
        }));
        RemotingCommandException plain = assertThrows(RemotingCommandException.class,
                () -> RegisterBrokerBodyCodec.decode("{\"filterServerList\":[]}".getBytes(StandardCharsets.UTF_8),
                        false));
        assertTrue(plain.getMessage().contains("no topicConfigSerializeWrapper"), plain.getMessage());
    }

    private static void assertMessage(String expected, byte[] body) {
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
                () -> RegisterBrokerBodyCodec.decode(body, true));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] deflate(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes,
                new Deflater(Deflater.BEST_COMPRESSION)))) {
            writer.write(out);
        }
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
