package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
