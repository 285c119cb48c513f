package io.apogee.client.producer;

import io.apogee.common.message.Message;

/** What an asynchronous {@code DefaultMQProducer.request(..., RequestCallback, timeout)} calls when it ends. */
public interface RequestCallback {

    /**
     * The reply arrived (a stored-message view: topic, queue, hosts and timestamps filled in). Called once, with the
     * reply: RocketMQ 4.9.8's client also calls it with {@code null} as soon as the request is sent, ours does not.
     */
    void onSuccess(Message message);

    /**
     * The request failed: it could not be sent (the send's exception), or no reply came within the timeout (a
     * {@link io.apogee.client.RequestTimeoutException}).
     */
    void onException(Throwable e);
}
