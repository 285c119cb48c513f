package io.apogee.console.api;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import io.apogee.console.http.ApiException;

/**
 * The Topics page's "send a test message": one producer of group {@value #GROUP} in the console process, started on
 * the first send and shut down with the console.
 */
final class TestMessageSender {

    /** The producer group test messages are sent under. */
    static final String GROUP = "ApogeeConsoleProducer";

    private final String namesrvAddr;
    private DefaultMQProducer producer;

    TestMessageSender(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    SendResult send(Message message) throws MQClientException, MQBrokerException, InterruptedException {
        DefaultMQProducer p = started();
        try {
            return p.send(message);
        } catch (MQClientException | MQBrokerException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // the transport's RemotingException: the console does not depend on remoting types
            throw new ApiException(502, "no broker took the message for topic " + message.getTopic() + ": "
                    + e.getMessage());
        }
    }

    private synchronized DefaultMQProducer started() throws MQClientException {
        if (producer == null) {
            DefaultMQProducer created = new DefaultMQProducer(GROUP);
            created.setNamesrvAddr(namesrvAddr);
            created.setInstanceName(GROUP + "-" + System.identityHashCode(this));
            created.start();
            producer = created;
        }
        return producer;
    }

    synchronized void close() {
        if (producer != null) {
            producer.shutdown();
            producer = null;
        }
    }
}
