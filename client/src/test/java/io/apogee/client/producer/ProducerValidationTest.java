package io.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.common.message.Message;
import io.apogee.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

/** Client-side checks that fail before anything reaches the network, with RocketMQ's messages. */
class ProducerValidationTest {

    @Test
    void invalidMessagesAreRejectedWithClearReasons() {
        DefaultMQProducer producer = new DefaultMQProducer("pg");
        producer.setMaxMessageSize(100);
        assertReason(producer, new Message("bad topic", new byte[1]), "illegal characters");
        assertReason(producer, new Message("x".repeat(128), new byte[1]), "longer than topic max length");
        assertReason(producer, new Message("", new byte[1]), "blank");
        assertReason(producer, new Message("T", new byte[0]), "body is null or empty");
        assertReason(producer, new Message("T", new byte[101]), "over max value, MAX: 100");
        MQClientException forbidden = assertThrows(MQClientException.class,
                () -> producer.send(new Message("TBW102", new byte[1])));
        assertEquals(ResponseCode.NO_PERMISSION, forbidden.getResponseCode());
        MQClientException notStarted = assertThrows(MQClientException.class,
                () -> producer.send(new Message("T", new byte[1])));
        assertTrue(notStarted.getMessage().contains("not started"), notStarted.getMessage());
    }

    @Test
    void startNeedsANameServerAddress() {
        DefaultMQProducer producer = new DefaultMQProducer("pg");
        producer.setNamesrvAddr(" ; ");
        MQClientException e = assertThrows(MQClientException.class, producer::start);
        assertTrue(e.getMessage().contains("NameServer"), e.getMessage());
    }

    private static void assertReason(DefaultMQProducer producer, Message msg, String reason) {
        MQClientException e = assertThrows(MQClientException.class, () -> producer.send(msg));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
