package io.apogee.client.consumer;

import io.apogee.client.producer.TraceDispatcher;
import io.apogee.client.producer.TraceEncoder;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traces a push consumer's consumptions: {@code SubBefore} records as the listener is called, {@code SubAfter}
 * records with its outcome, both of one request id. Messages whose {@code TRACE_ON} property is {@code false} are
 * not traced, as in RocketMQ.
 */
public final class ConsumeTracer {

    /** RocketMQ's {@code ConsumeReturnType} ordinals. */
    public static final int SUCCESS = 0;
    public static final int EXCEPTION = 2;
    public static final int RETURN_NULL = 3;
    public static final int FAILED = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeTracer.class);

    private final String group;
    private final TraceDispatcher dispatcher;

    public ConsumeTracer(String group, TraceDispatcher dispatcher) {
        this.group = group;
        this.dispatcher = dispatcher;
    }

    /** One consumption being traced. */
    public record Consumption(long begin, String requestId, List<MessageExt> msgs) {
    }

    /**
     * Queues the {@code SubBefore} records of {@code msgs}; {@code null} when none of them is traced (or a record
     * could not be made: tracing never fails consumption).
     */
    public Consumption before(List<MessageExt> msgs) {
        try {
            List<MessageExt> traced = msgs.stream()
                    .filter(m -> !"false".equals(m.getProperty(MessageProperty.TRACE_SWITCH))).toList();
            if (traced.isEmpty()) {
                return null;
            }
            Consumption c = new Consumption(System.currentTimeMillis(), requestId(), traced);
            dispatcher.appendAll(TraceEncoder.subBefore(group, c.begin(), c.requestId(), traced));
            return c;
        } catch (RuntimeException e) {
            LOG.warn("no trace of a consumption by {}: {}", group, e.toString());
            return null;
        }
    }

    /** Queues the {@code SubAfter} records of {@code c} (nothing when it is {@code null}). */
    public void after(Consumption c, boolean success, int contextCode) {
        if (c == null) {
            return;
        }
        try {
            dispatcher.appendAll(TraceEncoder.subAfter(group, c.begin(), System.currentTimeMillis(), c.requestId(),
                    c.msgs(), success, contextCode));
        } catch (RuntimeException e) {
            LOG.warn("no trace of a consumption by {}: {}", group, e.toString());
        }
    }

    /** The dispatcher records go through. */
    public TraceDispatcher dispatcher() {
        return dispatcher;
    }

    /** A 32-hex-digit request id, unique like RocketMQ's. */
    private static String requestId() {
        UUID id = UUID.randomUUID();
        return String.format("%016X%016X", id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
