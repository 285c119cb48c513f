package io.apogee.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input closes only the offending connection; everyone else keeps being served. */
class MalformedFrameTest {

    private static final int MAX_FRAME = 64 * 1024;

    private RemotingFixture fixture;

    @BeforeEach
    void start() {
        NettyServerConfig config = ConfigBinder.conclude(NettyServerConfig::new, Map.of("frameMaxLength", MAX_FRAME));
        fixture = new RemotingFixture(config, new NettyClientConfig(), null);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void negativeLengthClosesTheConnection() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(8).putInt(-5).putInt(0).array());
    }

    @Test
    void lengthOverTheMaxClosesTheConnectionBeforeTheBodyArrives() throws Exception {
        // Only the 4-byte prefix is sent: the server must refuse without waiting for (or buffering) 2 GiB.
        assertClosedAfter(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
        assertClosedAfter(ByteBuffer.allocate(4).putInt(MAX_FRAME - 3).array());
    }

    @Test
    void headerLengthBeyondTheFrameClosesTheConnection() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(12).putInt(8).putInt(1000).putInt(0).array());
    }

    @Test
    void unparsableHeadersCloseTheConnection() throws Exception {
        assertClosedAfter(frame(0, "{\"code\":".getBytes(StandardCharsets.UTF_8)));
        assertClosedAfter(frame(0, "not json at all".getBytes(StandardCharsets.UTF_8)));
        assertClosedAfter(frame(9, "{}".getBytes(StandardCharsets.UTF_8)));
        assertClosedAfter(frame(1, new byte[] {0, 1, 0}));
        assertClosedAfter(ByteBuffer.allocate(6).putInt(2).putShort((short) 0).array());
    }

    @Test
    void garbageOnOneConnectionDoesNotDisturbAnother() throws Exception {
        AtomicInteger ok = new AtomicInteger();
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            byte[] garbage = new byte[256];
            random.nextBytes(garbage);
            try (Socket socket = connect()) {
                socket.getOutputStream().write(garbage);
                socket.getOutputStream().flush();
                RemotingCommand response = fixture.client.invokeSync(fixture.address,
                        RemotingCommand.request(RemotingFixture.ECHO, null).addExtField("round", "" + round), 3000);
                if (response.code() == ResponseCode.SUCCESS
                        && String.valueOf(round).equals(response.extFields().get("round"))) {
                    ok.incrementAndGet();
                }
            }
        }
        assertEquals(20, ok.get());
    }

    private static byte[] frame(int type, byte[] header) {
        return ByteBuffer.allocate(8 + header.length).putInt(4 + header.length)
                .putInt((type << 24) | header.length).put(header).array();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", fixture.server.localPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends {@code bytes} on a fresh connection and expects the server to close it, then checks others still work. */
    private void assertClosedAfter(byte[] bytes) throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            assertTrue(readsEndOfStream(socket.getInputStream()), "server closed the connection");
        }
        RemotingCommand response = fixture.client.invokeSync(fixture.address,
                RemotingCommand.request(RemotingFixture.ECHO, null), 3000);
        assertEquals(ResponseCode.SUCCESS, response.code());
    }

    private static boolean readsEndOfStream(InputStream in) throws IOException {
        try {
            return new DataInputStream(in).read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }
}
