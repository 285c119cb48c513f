package io.apogee.remoting.metrics;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * RocketMQ 5's {@code rocketmq_rpc_latency}: a histogram of the milliseconds from a request's processing start (its
 * before-hook, once it left its executor's queue) to its response (the after-hook), per request code and response
 * code, named as RocketMQ names them ({@code send_message_v2}, {@code success}; a code without a name is its number).
 *
 * <p>Per request it allocates nothing: starts go to {@link InFlightRequests}, and the data point of each (request
 * code, response code) pair is created once and cached in arrays indexed by code (a map for codes outside them).
 */
public final class RpcLatencyHook implements RpcHook {

    /** RocketMQ 5's buckets, in milliseconds. */
    private static final double[] BUCKETS_MILLIS = {1, 3, 5, 10, 100, 1000, 3000};
    private static final int REQUEST_CODES = 1024;
    private static final int RESPONSE_CODES = 256;
    private static final Map<Integer, String> REQUEST_NAMES = lowerCaseNames(RequestCode.class);
    private static final Map<Integer, String> RESPONSE_NAMES = lowerCaseNames(ResponseCode.class);

    private final Histogram latency;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final AtomicReferenceArray<AtomicReferenceArray<DistributionDataPoint>> points =
            new AtomicReferenceArray<>(REQUEST_CODES);
    private final Map<Long, DistributionDataPoint> otherPoints = new ConcurrentHashMap<>();

    /** Registers the histogram in {@code registry}, labelled with the node's {@code nodeLabels}. */
    public RpcLatencyHook(PrometheusRegistry registry, Labels nodeLabels) {
        this.latency = Histogram.builder().name("rocketmq_rpc_latency")
                .help("Milliseconds from a request's processing start to its response")
                .constLabels(nodeLabels).labelNames("protocol_type", "request_code", "response_code")
                .classicOnly().classicUpperBounds(BUCKETS_MILLIS).withoutExemplars().register(registry);
    }

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        inFlight.start(request, System.nanoTime());
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        long start = inFlight.stop(request);
        if (start < 0 || response == null) {
            return;
        }
        point(request.code(), response.code()).observe((System.nanoTime() - start) / 1_000_000.0);
    }

    private DistributionDataPoint point(int requestCode, int responseCode) {
        if (requestCode < 0 || requestCode >= REQUEST_CODES || responseCode < 0 || responseCode >= RESPONSE_CODES) {
            return otherPoints.computeIfAbsent(((long) requestCode << 32) | (responseCode & 0xFFFFFFFFL),
                    k -> newPoint(requestCode, responseCode));
        }
        AtomicReferenceArray<DistributionDataPoint> byResponse = points.get(requestCode);
        if (byResponse == null) {
            points.compareAndSet(requestCode, null, new AtomicReferenceArray<>(RESPONSE_CODES));
            byResponse = points.get(requestCode);
        }
        DistributionDataPoint point = byResponse.get(responseCode);
        if (point == null) {
            // labelValues returns the same data point for the same labels, so a lost race only repeats the lookup.
            point = newPoint(requestCode, responseCode);
            byResponse.set(responseCode, point);
        }
        return point;
    }

    private DistributionDataPoint newPoint(int requestCode, int responseCode) {
        return latency.labelValues("remoting", REQUEST_NAMES.getOrDefault(requestCode, String.valueOf(requestCode)),
                RESPONSE_NAMES.getOrDefault(responseCode, String.valueOf(responseCode)));
    }

    /** The int constants of {@code codes} by value, named in lower case; the first name of a shared value wins. */
    private static Map<Integer, String> lowerCaseNames(Class<?> codes) {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : codes.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                try {
                    names.putIfAbsent(field.getInt(null), field.getName().toLowerCase(Locale.ROOT));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(codes.getSimpleName() + "." + field.getName() + " unreadable", e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
