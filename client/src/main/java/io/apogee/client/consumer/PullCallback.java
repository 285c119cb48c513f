package io.apogee.client.consumer;

import io.apogee.client.impl.api.PullResult;

/** Receives the answer of an asynchronous {@link DefaultMQPullConsumer} pull, on a remoting callback thread. */
public interface PullCallback {

    void onSuccess(PullResult pullResult);

    void onException(Throwable e);
}
