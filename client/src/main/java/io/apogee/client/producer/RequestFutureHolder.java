package io.apogee.client.producer;

import io.apogee.client.ClientErrorCode;
import io.apogee.client.RequestTimeoutException;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.service.PeriodicTask;
import io.apogee.common.service.ServiceRunner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of this process still waiting for a reply, by correlation id (one table for every producer, as in
 * RocketMQ 4.9): a reply pushed by a broker completes its request here, and while any producer runs a housekeeping
 * loop fails each asynchronous request whose reply is overdue with a {@link RequestTimeoutException}
 * ({@link ClientErrorCode#REQUEST_TIMEOUT_EXCEPTION}).
 */
public final class RequestFutureHolder {

    private static final Logger LOG = LoggerFactory.getLogger(RequestFutureHolder.class);
    private static final RequestFutureHolder INSTANCE = new RequestFutureHolder();
    /** How often overdue requests are looked for (RocketMQ scans every second). */
    private static final long SCAN_MILLIS = 1000;

    private final ConcurrentHashMap<String, RequestResponseFuture> requestFutureTable = new ConcurrentHashMap<>();
    /** The running producers; the housekeeping loop runs while there is one. */
    private final Set<DefaultMQProducer> producers = new HashSet<>();
    private ServiceRunner housekeeping;

    private RequestFutureHolder() {
    }

    public static RequestFutureHolder getInstance() {
        return INSTANCE;
    }

    /** The waiting requests by correlation id. */
    public ConcurrentHashMap<String, RequestResponseFuture> getRequestFutureTable() {
        return requestFutureTable;
    }

    /** Starts the housekeeping loop with the first running producer. */
    synchronized void startScheduledTask(DefaultMQProducer producer) {
        producers.add(producer);
        if (housekeeping == null) {
            housekeeping = new ServiceRunner(new PeriodicTask("ApogeeRequestHouseKeeping", this::scanExpiredRequest),
                    SCAN_MILLIS, TimeUnit.MILLISECONDS);
            housekeeping.start();
        }
    }

    /** Stops the housekeeping loop with the last running producer. */
    synchronized void shutdown(DefaultMQProducer producer) {
        producers.remove(producer);
        if (producers.isEmpty() && housekeeping != null) {
            housekeeping.close();
            housekeeping = null;
        }
    }

    /**
     * Completes the request {@code reply} answers (by its {@code CORRELATION_ID}); a reply no request waits for (it
     * timed out, or was asked by another process with this client id) is logged and dropped.
     */
    void receiveReply(MessageExt reply) {
        String correlationId = reply.getProperty(MessageProperty.CORRELATION_ID);
        RequestResponseFuture future = correlationId == null ? null : requestFutureTable.remove(correlationId);
        if (future == null) {
            LOG.warn("receive reply message, but not matched any request, CorrelationId: {} , reply from host: {}",
                    correlationId, reply.getBornHost());
            return;
        }
        future.putResponseMessage(reply);
        if (future.getRequestCallback() != null) {
            try {
                future.getRequestCallback().onSuccess(reply);
            } catch (RuntimeException e) {
                LOG.warn("request callback of {} failed on its reply", correlationId, e);
            }
        }
    }

    /** Removes the overdue requests and fails the asynchronous ones with a timeout. */
    private void scanExpiredRequest() {
        List<RequestResponseFuture> expired = new ArrayList<>();
        for (Iterator<Map.Entry<String, RequestResponseFuture>> it = requestFutureTable.entrySet().iterator();
                it.hasNext(); ) {
            RequestResponseFuture future = it.next().getValue();
            if (future.isTimeout()) {
                it.remove();
                expired.add(future);
                LOG.warn("remove timeout request, CorrelationId={}", future.getCorrelationId());
            }
        }
        for (RequestResponseFuture future : expired) {
            future.setCause(new RequestTimeoutException(ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION,
                    "request timeout, no reply message."));
            try {
                future.executeRequestCallback();
            } catch (RuntimeException e) {
                LOG.warn("request callback of {} failed on its timeout", future.getCorrelationId(), e);
            }
        }
    }
}
