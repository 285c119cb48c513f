package io.apogee.client.producer;

import io.apogee.common.message.Message;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One request waiting for its reply, found by its correlation id in {@link RequestFutureHolder}: a blocking
 * {@code request()} waits on it, an asynchronous one is completed through its {@link RequestCallback}.
 */
public class RequestResponseFuture {

    private final String correlationId;
    private final RequestCallback requestCallback;
    private final long beginTimestamp = System.currentTimeMillis();
    private long timeoutMillis;
    private CountDownLatch countDownLatch = new CountDownLatch(1);
    private volatile Message responseMsg;
    private volatile boolean sendRequestOk = true;
    private volatile Throwable cause;

    /** @param requestCallback {@code null} for a blocking request */
    public RequestResponseFuture(String correlationId, long timeoutMillis, RequestCallback requestCallback) {
        this.correlationId = correlationId;
        this.timeoutMillis = timeoutMillis;
        this.requestCallback = requestCallback;
    }

    /** Tells the callback, if any: the reply when the request was sent and nothing failed, else the cause. */
    public void executeRequestCallback() {
        if (requestCallback == null) {
            return;
        }
        if (sendRequestOk && cause == null) {
            requestCallback.onSuccess(responseMsg);
        } else {
            requestCallback.onException(cause);
        }
    }

    /** Whether more than the timeout has passed since the request began. */
    public boolean isTimeout() {
        return System.currentTimeMillis() - beginTimestamp > timeoutMillis;
    }

    /** Waits up to {@code timeout} ms for the reply; {@code null} when none came (or the send failed). */
    public Message waitResponseMessage(long timeout) throws InterruptedException {
        countDownLatch.await(timeout, TimeUnit.MILLISECONDS);
        return responseMsg;
    }

    /** Completes the wait with {@code responseMsg} ({@code null} when the send failed). */
    public void putResponseMessage(Message responseMsg) {
        this.responseMsg = responseMsg;
        countDownLatch.countDown();
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public RequestCallback getRequestCallback() {
        return requestCallback;
    }

    public long getBeginTimestamp() {
        return beginTimestamp;
    }

    public CountDownLatch getCountDownLatch() {
        return countDownLatch;
    }

    public void setCountDownLatch(CountDownLatch countDownLatch) {
        this.countDownLatch = countDownLatch;
    }

    public Message getResponseMsg() {
        return responseMsg;
    }

    public void setResponseMsg(Message responseMsg) {
        this.responseMsg = responseMsg;
    }

    public boolean isSendRequestOk() {
        return sendRequestOk;
    }

    public void setSendRequestOk(boolean sendRequestOk) {
        this.sendRequestOk = sendRequestOk;
    }

    public Throwable getCause() {
        return cause;
    }

    public void setCause(Throwable cause) {
        this.cause = cause;
    }
}
