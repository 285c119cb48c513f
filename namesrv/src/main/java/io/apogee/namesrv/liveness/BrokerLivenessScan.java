package io.apogee.namesrv.liveness;

import io.apogee.common.service.ServiceLoop;
import io.apogee.namesrv.config.NamesrvConfig;
import io.apogee.namesrv.route.ExpiredBroker;
import io.apogee.namesrv.route.RouteTable;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops brokers that stopped registering: each step removes every broker silent for longer than
 * {@code brokerChannelExpiredTime} and closes its channel. Run by a {@link io.apogee.common.service.ServiceRunner}
 * every {@code scanNotActiveBrokerInterval}.
 */
public final class BrokerLivenessScan implements ServiceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLivenessScan.class);

    private final RouteTable routeTable;
    /** The config in force: {@code brokerChannelExpiredTime} is read per scan. */
    private final Supplier<NamesrvConfig> config;
    private final LongSupplier clock;

    public BrokerLivenessScan(RouteTable routeTable, Supplier<NamesrvConfig> config, LongSupplier clock) {
        this.routeTable = routeTable;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String roleName() {
        return "ApogeeNamesrvLivenessScan";
    }

    /** Always reports no work, so the runner waits a full interval before the next scan. */
    @Override
    public int doWork() {
        long now = clock.getAsLong();
        List<ExpiredBroker> expired = routeTable.expireInactive(now, config.get().brokerChannelExpiredTime());
        for (ExpiredBroker broker : expired) {
            LOG.warn("broker expired, silent for {} ms: addr={}", now - broker.lastUpdateMillis(),
                    broker.brokerAddr());
            if (broker.channel() != null) {
                broker.channel().close();
            }
        }
        return 0;
    }
}
