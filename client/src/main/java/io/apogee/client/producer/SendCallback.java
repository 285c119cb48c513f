package io.apogee.client.producer;

/** Completion of an asynchronous send; exactly one method is called, on a client callback thread. */
public interface SendCallback {

    void onSuccess(SendResult sendResult);

    void onException(Throwable e);
}
