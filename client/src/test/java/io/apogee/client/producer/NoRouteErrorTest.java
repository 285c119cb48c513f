package io.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.common.message.Message;
import io.apogee.remoting.protocol.ResponseCode;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * "No route info of this topic" tells a wrong NameServer address from a missing topic, and says what to run; a
 * {@code ,}-separated NameServer list is refused at start.
 */
class NoRouteErrorTest {

    private static final String TOPIC = "NoRouteTopic";

    @Test
    void aNameServerAddressWhereNothingListensIsNamed() throws Exception {
        String addr;
        try (ServerSocket socket = new ServerSocket(0)) {
            addr = "127.0.0.1:" + socket.getLocalPort();
        }
        DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("noRouteGroup"), addr);
        producer.start();
        try {
            MQClientException e = assertThrows(MQClientException.class,
                    () -> producer.send(new Message(TOPIC, new byte[1])));
            String message = e.getMessage();
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, e.getResponseCode());
            assertTrue(message.contains("No route info of this topic: " + TOPIC + ". The"), message);
            assertTrue(message.contains("The NameServers were not reached"), message);
            assertTrue(message.contains("no NameServer of [" + addr + "] answered GET_ROUTEINFO_BY_TOPIC"), message);
            assertTrue(message.contains("connection refused, nothing listens at " + addr), message);
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void aMissingTopicSaysAutoCreateIsOffAndWhatToRun() throws Exception {
        try (FakeNamesrv namesrv = new FakeNamesrv()) {
            DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("noRouteGroup"),
                    namesrv.address());
            producer.start();
            try {
                MQClientException e = assertThrows(MQClientException.class,
                        () -> producer.send(new Message(TOPIC, new byte[1])));
                String message = e.getMessage();
                assertTrue(message.contains("No route info of this topic: " + TOPIC + ". The"), message);
                assertTrue(message.contains("The NameServers [" + namesrv.address() + "] answered: topic not found"),
                        message);
                assertTrue(message.contains("no broker creates topics automatically (autoCreateTopicEnable is"
                        + " false)"), message);
                assertTrue(message.contains("mqadmin updateTopic -n '" + namesrv.address() + "' -c <cluster> -t "
                        + TOPIC), message);
            } finally {
                producer.shutdown();
            }
        }
    }

    @Test
    void aCommaSeparatedNameServerListIsRefused() {
        DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("noRouteGroup"),
                "127.0.0.1:9876,127.0.0.2:9876");
        MQClientException e = assertThrows(MQClientException.class, producer::start);
        assertTrue(e.getMessage().contains("use ';' between NameServer addresses, e.g. '127.0.0.1:9876;127.0.0.2:9876'"),
                e.getMessage());
    }
}
