package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.BatchBodyCodec;
import io.apogee.common.message.Message;
import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A send whose header says {@code batch=true} is a batch whatever its request code, as RocketMQ dispatches it: a
 * plain body under that flag is refused MESSAGE_ILLEGAL and nothing is stored (issue 16's outside fuzz finding: it
 * was stored as one message).
 */
class BatchFlagSendTest {

    @TempDir
    Path dir;

    @Test
    void aSendMarkedBatchWithAPlainBodyIsRefusedAndNotStored() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());
            SendMessageRequestHeader header = BrokerFixture.send("T", 0, "", null)
                    .decodeHeader(SendMessageRequestHeaderV2.class).toV1();
            header.setBatch(true);
            byte[] plain = "Hello RocketMQ 0".getBytes(StandardCharsets.UTF_8);

            assertRefused(f, request(RequestCode.SEND_MESSAGE, header, plain));
            assertRefused(f, request(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.fromV1(header), plain));
            assertEquals(0, f.broker.store().getMaxOffsetInQueue("T", 0));

            RemotingCommand single = f.invoke(BrokerFixture.send("T", 0, "Hello RocketMQ 0", null));
            assertEquals(ResponseCode.SUCCESS, single.code(), single.remark());
        }
    }

    /** As RocketMQ's store does, a batch whose body passes maxMessageSize is refused whole, though each fits. */
    @Test
    void aBatchOverMaxMessageSizeIsRefusedWholeThoughEachMessageFits() throws Exception {
        Properties config = new Properties();
        config.setProperty("maxMessageSize", "4096");
        try (BrokerFixture f = new BrokerFixture(dir, config)) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());
            SendMessageRequestHeader header = BrokerFixture.send("T", 0, "", null)
                    .decodeHeader(SendMessageRequestHeaderV2.class).toV1();
            header.setBatch(true);
            List<Message> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                three.add(new Message("T", new byte[2000]));
            }
            SendMessageRequestHeaderV2 v2 = SendMessageRequestHeaderV2.fromV1(header);
            RemotingCommand response = f.invoke(request(RequestCode.SEND_BATCH_MESSAGE, v2, bytes(three)));
            assertEquals(ResponseCode.MESSAGE_ILLEGAL, response.code(), response.remark());
            assertTrue(response.remark().matches("the batch body size \\d+ is over max value, MAX: 4096 .*"),
                    response.remark());

            RemotingCommand fits = f.invoke(request(RequestCode.SEND_BATCH_MESSAGE, v2, bytes(three.subList(0, 1))));
            assertEquals(ResponseCode.SUCCESS, fits.code(), fits.remark());
            // Dispatch is in commit-log order: once the message that fits is in the queue, the refused three would be.
            await().atMost(Duration.ofSeconds(30)).until(() -> f.broker.store().getMaxOffsetInQueue("T", 0) >= 1);
            assertEquals(1, f.broker.store().getMaxOffsetInQueue("T", 0));
        }
    }

    private static byte[] bytes(List<Message> messages) {
        ByteBuffer encoded = BatchBodyCodec.encode(messages);
        byte[] body = new byte[encoded.remaining()];
        encoded.get(body);
        return body;
    }

    private static RemotingCommand request(int code, CommandCustomHeader header, byte[] body) {
        return RemotingCommand.request(code, header).body(body);
    }

    private static void assertRefused(BrokerFixture f, RemotingCommand request) throws Exception {
        RemotingCommand response = f.invoke(request);
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, response.code(), response.remark());
        assertTrue(response.remark().startsWith("the batch body does not parse as a message batch: "),
                response.remark());
    }
}
