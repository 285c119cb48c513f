package io.apogee.broker.slave;

import io.apogee.common.config.ConfigException;
import io.apogee.store.MessageStore;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a slave knows of its master, learnt from each registration with the name servers (RocketMQ's
 * REGISTER_BROKER answer: {@code masterAddr}, {@code haServerAddr}): the master's broker address, which metadata
 * sync calls and refusals name, and its HA address, which the store replicates from unless {@code haMasterAddress}
 * is configured (then that one is kept, as RocketMQ does).
 *
 * <p>An answer without a master (its registration expired: the master is down) clears the broker address, so the
 * metadata sync pauses and the slave keeps what it has; the HA address is kept and the store keeps trying it.
 */
public final class MasterLink {

    private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);

    private final String brokerName;
    private final MessageStore store;
    private final boolean haAddressConfigured;
    private volatile String masterAddr;
    private volatile boolean answered;

    /**
     * @param brokerName          the replica set this slave belongs to
     * @param haAddressConfigured whether {@code haMasterAddress} is set, so answers do not move the store
     */
    public MasterLink(String brokerName, MessageStore store, boolean haAddressConfigured) {
        this.brokerName = brokerName;
        this.store = store;
        this.haAddressConfigured = haAddressConfigured;
    }

    /**
     * Takes a registration answer.
     *
     * @param masterAddr   the master's broker address, or {@code null} when no master of this broker name is
     *                     registered
     * @param haServerAddr the master's HA address, or {@code null}/empty when not given
     */
    public void onRegistration(String masterAddr, String haServerAddr) {
        String previous = this.masterAddr;
        String now = masterAddr == null || masterAddr.isBlank() ? null : masterAddr;
        this.masterAddr = now;
        if (!answered || !Objects.equals(previous, now)) {
            if (now == null) {
                LOG.warn("slave of {}: no master of {} is registered with the name servers (down or not started); "
                        + "metadata sync paused, serving what this slave holds", brokerName, brokerName);
            } else {
                LOG.info("slave of {}: master is {} (HA address {})", brokerName, now, haServerAddr);
            }
        }
        answered = true;
        if (haAddressConfigured || haServerAddr == null || haServerAddr.isBlank()) {
            return;
        }
        try {
            store.updateHaMasterAddress(haServerAddr);
        } catch (ConfigException e) {
            LOG.warn("slave of {}: the name server gave master HA address '{}', not host:port: {}", brokerName,
                    haServerAddr, e.getMessage());
        }
    }

    /** The master's broker address, or {@code null} when none is registered (or no answer came yet). */
    public String masterAddr() {
        return masterAddr;
    }

    /** Names the master for refusal remarks: its address, or why it is not known. */
    public String describeMaster() {
        String addr = masterAddr;
        if (addr != null) {
            return "its master is " + addr;
        }
        return answered ? "no master of " + brokerName + " is registered with the name servers now"
                : "its master is not known yet (no name server answered its registration)";
    }
}
