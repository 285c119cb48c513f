package io.apogee.remoting.netty;

import io.apogee.remoting.InvokeCallback;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request waiting for its response, keyed by opaque. Completes exactly once, with a response or a failure; a
 * permit taken for it (async semaphore) is released on that completion.
 */
final class ResponseFuture {

    private final int opaque;
    private final long deadlineMillis;
    private final InvokeCallback callback;
    private final Semaphore permits;
    private final Channel channel;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile RemotingCommand response;
    private volatile RemotingException failure;

    ResponseFuture(Channel channel, int opaque, long timeoutMillis, InvokeCallback callback, Semaphore permits) {
        this.channel = channel;
        this.opaque = opaque;
        this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
        this.callback = callback;
        this.permits = permits;
    }

    int opaque() {
        return opaque;
    }

    Channel channel() {
        return channel;
    }

    InvokeCallback callback() {
        return callback;
    }

    boolean isExpired(long nowMillis) {
        return nowMillis >= deadlineMillis;
    }

    /** Completes with {@code response}; false if already completed. */
    boolean complete(RemotingCommand response) {
        return finish(response, null);
    }

    /** Completes with {@code failure}; false if already completed. */
    boolean fail(RemotingException failure) {
        return finish(null, failure);
    }

    private boolean finish(RemotingCommand response, RemotingException failure) {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        this.response = response;
        this.failure = failure;
        if (permits != null) {
            permits.release();
        }
        done.countDown();
        return true;
    }

    /** Waits up to {@code timeoutMillis}; returns the response, or null when none came in time. */
    RemotingCommand await(long timeoutMillis) throws InterruptedException {
        done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        return response;
    }

    RemotingCommand response() {
        return response;
    }

    RemotingException failure() {
        return failure;
    }
}
