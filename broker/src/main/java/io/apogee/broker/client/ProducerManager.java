package io.apogee.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Online producers by group, from heartbeats (for transaction check-backs and producer connection lists). */
public final class ProducerManager {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerManager.class);

    private final Map<String, Map<Channel, ClientChannelInfo>> groups = new ConcurrentHashMap<>();

    /** Applies one producer's heartbeat for {@code group}. */
    public void register(String group, ClientChannelInfo client) {
        ClientChannelInfo old = groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                .putIfAbsent(client.channel(), client);
        if (old != null) {
            old.touch(System.currentTimeMillis());
        } else {
            LOG.info("producer {} ({} version {}) of group {} connected from {}", client.clientId(),
                    client.language(), client.version(), group, client.channel().remoteAddress());
        }
    }

    /** Removes one producer (UNREGISTER_CLIENT). */
    public void unregister(String group, Channel channel) {
        Map<Channel, ClientChannelInfo> members = groups.get(group);
        ClientChannelInfo client = members == null ? null : members.remove(channel);
        if (client != null) {
            LOG.info("producer {} of group {} at {} unregistered", client.clientId(), group, channel.remoteAddress());
            groups.computeIfPresent(group, (g, m) -> m.isEmpty() ? null : m);
        }
    }

    /** Removes a closed channel from every group. */
    public void onChannelClosed(Channel channel) {
        groups.forEach((group, members) -> {
            ClientChannelInfo client = members.remove(channel);
            if (client != null) {
                LOG.info("producer {} of group {} at {} disconnected", client.clientId(), group,
                        channel.remoteAddress());
            }
        });
        groups.values().removeIf(Map::isEmpty);
    }

    /** Drops producers whose last heartbeat is older than {@code timeoutMillis}, closing their channels. */
    public void scanExpired(long nowMillis, long timeoutMillis) {
        groups.forEach((group, members) -> members.values().removeIf(client -> {
            boolean old = nowMillis - client.lastUpdateMillis() > timeoutMillis;
            if (old) {
                LOG.warn("producer {} of group {} silent: closing {}", client.clientId(), group,
                        client.channel().remoteAddress());
                client.channel().close();
            }
            return old;
        }));
        groups.values().removeIf(Map::isEmpty);
    }

    /** The online producers of {@code group} (empty when none). */
    public List<ClientChannelInfo> producers(String group) {
        Map<Channel, ClientChannelInfo> members = groups.get(group);
        return members == null ? List.of() : new ArrayList<>(members.values());
    }

    /** Every online group and its producers. */
    public Map<String, Map<Channel, ClientChannelInfo>> groups() {
        return groups;
    }
}
