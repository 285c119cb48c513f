package io.apogee.client.producer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.ClientErrorCode;
import io.apogee.client.MQClientException;
import io.apogee.client.RequestTimeoutException;
import io.apogee.client.utils.MessageUtil;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The client's request-reply pieces without a broker: {@link MessageUtil} builds replies as RocketMQ 4.9 does, a
 * pushed reply completes the request of its correlation id, and the housekeeping loop fails an overdue asynchronous
 * request with RocketMQ's timeout code.
 */
class RequestReplyClientTest {

    private final RequestFutureHolder holder = RequestFutureHolder.getInstance();

    @Test
    void aReplyCarriesTheRequestsCorrelationToTheClustersReplyTopic() throws Exception {
        MessageExt request = new MessageExt();
        request.setTopic("Orders");
        request.putProperty(MessageProperty.CLUSTER, "DefaultCluster");
        request.putProperty(MessageProperty.CORRELATION_ID, "c-1");
        request.putProperty(MessageProperty.MESSAGE_REPLY_TO_CLIENT, "10.0.0.1@42");
        request.putProperty(MessageProperty.MESSAGE_TTL, "3000");

        Message reply = MessageUtil.createReplyMessage(request, "done".getBytes(StandardCharsets.UTF_8));

        assertEquals("DefaultCluster_REPLY_TOPIC", reply.getTopic());
        assertEquals("done", new String(reply.getBody(), StandardCharsets.UTF_8));
        assertEquals("reply", reply.getProperty(MessageProperty.MESSAGE_TYPE));
        assertEquals("c-1", reply.getProperty(MessageProperty.CORRELATION_ID));
        assertEquals("10.0.0.1@42", reply.getProperty(MessageProperty.MESSAGE_REPLY_TO_CLIENT));
        assertEquals("3000", reply.getProperty(MessageProperty.MESSAGE_TTL));
        assertEquals("10.0.0.1@42", MessageUtil.getReplyToClient(request));
    }

    @Test
    void aReplyNeedsARequestThatABrokerStored() {
        MQClientException none = assertThrows(MQClientException.class,
                () -> MessageUtil.createReplyMessage(null, new byte[1]));
        assertEquals(ClientErrorCode.CREATE_REPLY_MESSAGE_EXCEPTION, none.getResponseCode());
        MQClientException noCluster = assertThrows(MQClientException.class,
                () -> MessageUtil.createReplyMessage(new Message("Orders", new byte[1]), new byte[1]));
        assertEquals(ClientErrorCode.CREATE_REPLY_MESSAGE_EXCEPTION, noCluster.getResponseCode());
        assertTrue(noCluster.getMessage().contains("property[CLUSTER] is null"), noCluster.getMessage());
    }

    @Test
    void aPushedReplyCompletesItsRequestOnce() throws Exception {
        CompletableFuture<Message> answered = new CompletableFuture<>();
        RequestResponseFuture future = new RequestResponseFuture("c-2", 60_000, callback(answered));
        holder.getRequestFutureTable().put("c-2", future);
        MessageExt reply = new MessageExt();
        reply.putProperty(MessageProperty.CORRELATION_ID, "c-2");

        holder.receiveReply(reply);
        holder.receiveReply(reply);

        assertSame(reply, future.waitResponseMessage(1));
        assertSame(reply, answered.getNow(null));
        assertFalse(holder.getRequestFutureTable().containsKey("c-2"));
    }

    @Test
    void anOverdueAsynchronousRequestFailsWithRocketMqsTimeout() {
        DefaultMQProducer producer = new DefaultMQProducer("request-timeout-pg");
        CompletableFuture<Message> answered = new CompletableFuture<>();
        holder.getRequestFutureTable().put("c-3", new RequestResponseFuture("c-3", 0, callback(answered)));
        holder.startScheduledTask(producer);
        try {
            await().atMost(Duration.ofSeconds(30)).until(answered::isDone);
        } finally {
            holder.shutdown(producer);
        }
        RequestTimeoutException timeout = assertInstanceOf(RequestTimeoutException.class,
                answered.handle((m, e) -> e).join());
        assertEquals(ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION, timeout.getResponseCode());
        assertEquals("request timeout, no reply message.", timeout.getErrorMessage());
        assertFalse(holder.getRequestFutureTable().containsKey("c-3"));
    }

    private static RequestCallback callback(CompletableFuture<Message> answered) {
        return new RequestCallback() {
            @Override
            public void onSuccess(Message message) {
                answered.complete(message);
            }

            @Override
            public void onException(Throwable e) {
                answered.completeExceptionally(e);
            }
        };
    }
}
