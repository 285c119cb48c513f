package io.apogee.client.producer;

import io.apogee.client.ClientErrorCode;
import io.apogee.client.MQClientException;
import io.apogee.client.RequestTimeoutException;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request side of request-reply (RocketMQ 4.9's {@code DefaultMQProducer.request}): marks the request with a
 * fresh {@code CORRELATION_ID}, this client's id as {@code REPLY_TO_CLIENT} and the timeout as {@code TTL}, makes
 * sure the brokers know this producer's connection (a heartbeat the first time the topic is used), registers a
 * {@link RequestResponseFuture} in {@link RequestFutureHolder} and sends the request asynchronously; the broker
 * pushes the reply to this client, which completes the future.
 */
final class Requester {

    private static final Logger LOG = LoggerFactory.getLogger(Requester.class);

    /** The asynchronous send of one prepared request, to wherever its {@code request()} variant sends. */
    @FunctionalInterface
    interface AsyncSend {
        void send(SendCallback callback, long timeoutMillis) throws MQClientException;
    }

    private final Map<String, RequestResponseFuture> waiting = RequestFutureHolder.getInstance()
            .getRequestFutureTable();
    private final MessageSender sender;

    Requester(MessageSender sender) {
        this.sender = sender;
    }

    /**
     * Sends {@code msg} and waits for its reply.
     *
     * @throws RequestTimeoutException when it was sent but no reply came within {@code timeout} ms
     * @throws MQClientException       when it could not be sent (the cause says why)
     */
    Message request(Message msg, long timeout, AsyncSend send)
            throws RequestTimeoutException, MQClientException, InterruptedException {
        long begin = System.currentTimeMillis();
        RequestResponseFuture future = register(msg, timeout, null);
        try {
            send.send(tracking(future, e -> failed(future, e)), timeout - (System.currentTimeMillis() - begin));
            Message reply = future.waitResponseMessage(timeout - (System.currentTimeMillis() - begin));
            if (reply != null) {
                return reply;
            }
            if (future.isSendRequestOk()) {
                throw new RequestTimeoutException(ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION, "send request message to <"
                        + msg.getTopic() + "> OK, but wait reply message timeout, " + timeout + " ms.");
            }
            throw new MQClientException("send request message to <" + msg.getTopic() + "> fail", future.getCause());
        } finally {
            waiting.remove(future.getCorrelationId());
        }
    }

    /**
     * Sends {@code msg}; {@code callback} gets its reply, the send's failure, or a {@link RequestTimeoutException}
     * once {@code timeout} ms have passed without a reply.
     */
    void request(Message msg, RequestCallback callback, long timeout, AsyncSend send) throws MQClientException {
        long begin = System.currentTimeMillis();
        RequestResponseFuture future = register(msg, timeout, callback);
        try {
            send.send(tracking(future, e -> {
                if (waiting.remove(future.getCorrelationId()) != null) {
                    failed(future, e);
                    try {
                        future.executeRequestCallback();
                    } catch (RuntimeException thrown) {
                        LOG.warn("request callback of {} failed on the send's failure", future.getCorrelationId(),
                                thrown);
                    }
                }
            }), timeout - (System.currentTimeMillis() - begin));
        } catch (MQClientException | RuntimeException e) {
            waiting.remove(future.getCorrelationId());
            throw e;
        }
    }

    /** Prepares {@code msg} as a request and registers the future its reply completes. */
    private RequestResponseFuture register(Message msg, long timeout, RequestCallback callback)
            throws MQClientException {
        RequestResponseFuture future = new RequestResponseFuture(prepare(msg, timeout), timeout, callback);
        waiting.put(future.getCorrelationId(), future);
        return future;
    }

    /** The send's callback: a sent request waits for its reply, a failed send goes to {@code onFailure}. */
    private static SendCallback tracking(RequestResponseFuture future, Consumer<Throwable> onFailure) {
        return new SendCallback() {
            @Override
            public void onSuccess(SendResult sendResult) {
                future.setSendRequestOk(true);
            }

            @Override
            public void onException(Throwable e) {
                onFailure.accept(e);
            }
        };
    }

    /** Ends the wait of a request whose send failed with {@code cause}. */
    private static void failed(RequestResponseFuture future, Throwable cause) {
        future.setSendRequestOk(false);
        future.setCause(cause);
        future.putResponseMessage(null);
    }

    /** Marks {@code msg} as a request of this client and returns its correlation id. */
    private String prepare(Message msg, long timeout) throws MQClientException {
        String correlationId = UUID.randomUUID().toString();
        MQClientInstance instance = sender.instance();
        msg.putProperty(MessageProperty.CORRELATION_ID, correlationId);
        msg.putProperty(MessageProperty.MESSAGE_REPLY_TO_CLIENT, instance.clientId());
        msg.putProperty(MessageProperty.MESSAGE_TTL, String.valueOf(timeout));
        if (instance.route(msg.getTopic()) == null) {
            sender.publishInfo(msg.getTopic());
            instance.sendHeartbeatToAllBrokers();
        }
        return correlationId;
    }
}
