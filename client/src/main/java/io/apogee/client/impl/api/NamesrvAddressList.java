package io.apogee.client.impl.api;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The configured NameServers ({@code host:port;host:port}) and the one currently in use. A call that cannot reach
 * the current one moves on to the next ({@link #failedOver}), so every NameServer is tried in turn.
 */
public final class NamesrvAddressList {

    private volatile List<String> addresses;
    private final AtomicInteger current = new AtomicInteger();

    /**
     * @throws IllegalArgumentException when {@code namesrvAddr} names no address or separates addresses with
     *                                  {@code ,} (RocketMQ's separator is {@code ;})
     */
    public NamesrvAddressList(String namesrvAddr) {
        this.addresses = parse(namesrvAddr);
    }

    /**
     * The addresses of a {@code ;}-separated list. Refuses what RocketMQ would misread: no address at all, or a
     * {@code ,}-separated list (RocketMQ takes {@code a:9876,b:9876} as one address and fails to connect to it).
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public static List<String> parse(String namesrvAddr) {
        if (namesrvAddr == null || namesrvAddr.isBlank()) {
            throw new IllegalArgumentException("no NameServer address: set namesrvAddr, the NAMESRV_ADDR environment"
                    + " variable or the rocketmq.namesrv.addr system property");
        }
        if (namesrvAddr.contains(",")) {
            throw new IllegalArgumentException("NameServer address list '" + namesrvAddr + "' is separated by ',':"
                    + " use ';' between NameServer addresses, e.g. '" + namesrvAddr.replace(',', ';') + "'");
        }
        List<String> addresses = Arrays.stream(namesrvAddr.split(";")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no NameServer address in '" + namesrvAddr + "'");
        }
        return addresses;
    }

    /** Every configured address. */
    public List<String> all() {
        return addresses;
    }

    /**
     * Replaces the list (RocketMQ's {@code updateNameServerAddressList}); the first new address is tried first.
     *
     * @throws IllegalArgumentException as {@link #parse} does
     */
    public void update(String namesrvAddr) {
        List<String> parsed = parse(namesrvAddr);
        addresses = parsed;
        current.set(0);
    }

    /** The address to try first. */
    public String current() {
        List<String> now = addresses;
        return now.get(Math.floorMod(current.get(), now.size()));
    }

    /** Moves past {@code failed} if it is still the current one. */
    public void failedOver(String failed) {
        List<String> now = addresses;
        int index = current.get();
        if (now.get(Math.floorMod(index, now.size())).equals(failed)) {
            current.compareAndSet(index, index + 1);
        }
    }
}
