package io.apogee.remoting.protocol.body;

import io.apogee.common.topic.TopicConfig;
import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import io.apogee.remoting.protocol.RemotingCommandException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The two wire forms of {@link RegisterBrokerBody} and the body checksum of REGISTER_BROKER.
 *
 * <p>Plain form: the JSON of the record. Compressed form ({@code compressed=true} in the header): a zlib stream of
 * length-prefixed parts, all big-endian int32 lengths: the {@link DataVersion} JSON, the topic count, each topic as
 * the line {@code "topicName readQueueNums writeQueueNums perm topicFilterType"} (so {@code topicSysFlag} and
 * {@code order} are not carried), then the filter-server list as a JSON array.
 */
public final class RegisterBrokerBodyCodec {

    /** Upper bound on the inflated size of a compressed body, so a small zip bomb cannot exhaust memory. */
    static final int MAX_INFLATED_BYTES = 64 * 1024 * 1024;

    private RegisterBrokerBodyCodec() {
    }

    /** The body as sent, compressed or plain JSON. */
    public static byte[] encode(RegisterBrokerBody body, boolean compressed) {
        if (!compressed) {
            return BodyJson.encode(body);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            TopicConfigSerializeWrapper topics = body.topicConfigSerializeWrapper();
            writeChunk(out, BodyJson.encode(topics.dataVersion()));
            out.writeInt(topics.topicConfigTable().size());
            for (TopicConfig topic : topics.topicConfigTable().values()) {
                writeChunk(out, topic.encode().getBytes(StandardCharsets.UTF_8));
            }
            writeChunk(out, BodyJson.encode(body.filterServerList()));
        } catch (IOException e) {
            throw new UncheckedIOException("compressing to memory cannot fail", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * Parses a body in either form.
     *
     * @throws RemotingCommandException when the body is corrupt, truncated or too large, with a readable message
     */
    public static RegisterBrokerBody decode(byte[] body, boolean compressed) throws RemotingCommandException {
        if (!compressed) {
            RegisterBrokerBody parsed = BodyJson.decode(body, RegisterBrokerBody.class);
            TopicConfigSerializeWrapper topics = parsed.topicConfigSerializeWrapper();
            if (topics == null) {
                throw new RemotingCommandException("invalid RegisterBrokerBody body: no topicConfigSerializeWrapper");
            }
            if (topics.topicConfigTable() != null && topics.topicConfigTable().containsValue(null)) {
                // Found by fuzzing: the NameServer's route update would fail on the missing config.
                throw new RemotingCommandException("invalid RegisterBrokerBody body: a topic of topicConfigTable has "
                        + "a null config");
            }
            return parsed;
        }
        if (body == null || body.length == 0) {
            throw new RemotingCommandException("the request has no compressed RegisterBrokerBody body");
        }
        try (BoundedInput in = new BoundedInput(body)) {
            DataVersion version = BodyJson.decode(in.readChunk(), DataVersion.class);
            int topicCount = in.readLength();
            Map<String, TopicConfig> topics = new LinkedHashMap<>();
            for (int i = 0; i < topicCount; i++) {
                TopicConfig topic = parseTopicLine(new String(in.readChunk(), StandardCharsets.UTF_8));
                topics.put(topic.getTopicName(), topic);
            }
            List<String> filterServers = parseFilterServers(in.readChunk());
            return new RegisterBrokerBody(new TopicConfigSerializeWrapper(topics, version), filterServers);
        } catch (ZipException e) {
            throw new RemotingCommandException("invalid compressed RegisterBrokerBody body: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new RemotingCommandException("invalid compressed RegisterBrokerBody body: truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("inflating from memory cannot fail otherwise", e);
        }
    }

    /** REGISTER_BROKER's {@code bodyCrc32}: CRC32 of the bytes as sent, masked to a non-negative int. */
    public static int crc32(byte[] body) {
        CRC32 crc = new CRC32();
        if (body != null) {
            crc.update(body);
        }
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    /** A topic in {@link TopicConfig#encode()}'s form, as RocketMQ's compressed registration carries it. */
    static TopicConfig parseTopicLine(String line) throws RemotingCommandException {
        TopicConfig topic = new TopicConfig();
        try {
            if (topic.decode(line)) {
                return topic;
            }
        } catch (IllegalArgumentException e) {
            throw new RemotingCommandException("invalid topic line in compressed RegisterBrokerBody: " + line, e);
        }
        throw new RemotingCommandException("invalid topic line in compressed RegisterBrokerBody: " + line);
    }

    private static List<String> parseFilterServers(byte[] json) throws RemotingCommandException {
        try {
            List<String> servers = JSON.parseArray(new String(json, StandardCharsets.UTF_8), String.class);
            return servers == null ? List.of() : servers;
        } catch (JSONException | IndexOutOfBoundsException e) {
            throw new RemotingCommandException("invalid filter server list in compressed RegisterBrokerBody: "
                    + e.getMessage(), e);
        }
    }

    private static void writeChunk(DataOutputStream out, byte[] chunk) throws IOException {
        out.writeInt(chunk.length);
        out.write(chunk);
    }

    /** Inflates a compressed body, refusing lengths that are negative or would pass {@link #MAX_INFLATED_BYTES}. */
    private static final class BoundedInput implements AutoCloseable {
        private final DataInputStream in;
        private long budget = MAX_INFLATED_BYTES;

        BoundedInput(byte[] compressed) {
            this.in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(compressed)));
        }

        int readLength() throws IOException, RemotingCommandException {
            int length = in.readInt();
            budget -= Integer.BYTES;
            if (length < 0 || length > budget) {
                throw new RemotingCommandException("invalid compressed RegisterBrokerBody body: length " + length
                        + " out of bounds");
            }
            return length;
        }

        /** Reads as the bytes arrive, so a large stated length costs memory only if the stream really holds it. */
        byte[] readChunk() throws IOException, RemotingCommandException {
            int length = readLength();
            byte[] chunk = in.readNBytes(length);
            if (chunk.length < length) {
                throw new EOFException();
            }
            budget -= length;
            return chunk;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

}
