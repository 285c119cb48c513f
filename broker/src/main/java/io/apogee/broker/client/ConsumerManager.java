package io.apogee.broker.client;

import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.netty.channel.Channel;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online consumers by group, from heartbeats. When a group's membership changes the listener hears about it (the
 * broker then tells the group's consumers to rebalance).
 */
public final class ConsumerManager {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerManager.class);

    private final Map<String, ConsumerGroupInfo> groups = new ConcurrentHashMap<>();
    private final Consumer<ConsumerGroupInfo> membershipChanged;

    /** @param membershipChanged told (on the caller's thread) when a group gained or lost a member */
    public ConsumerManager(Consumer<ConsumerGroupInfo> membershipChanged) {
        this.membershipChanged = membershipChanged;
    }

    /** Applies one consumer's heartbeat for {@code group}. */
    public void register(String group, ClientChannelInfo client, ConsumeType type, MessageModel model,
            ConsumeFromWhere where, Set<SubscriptionData> subscriptions) {
        ConsumerGroupInfo info = groups.computeIfAbsent(group, ConsumerGroupInfo::new);
        boolean joined = info.updateChannel(client, type, model, where);
        boolean resubscribed = info.updateSubscriptions(subscriptions);
        if (joined) {
            LOG.info("consumer {} ({} version {}) of group {} connected from {}", client.clientId(),
                    client.language(), client.version(), group, client.channel().remoteAddress());
        }
        if (joined || resubscribed) {
            membershipChanged.accept(info);
        }
    }

    /** Removes one consumer from {@code group} (UNREGISTER_CLIENT). */
    public void unregister(String group, Channel channel) {
        ConsumerGroupInfo info = groups.get(group);
        ClientChannelInfo client = info == null ? null : info.removeChannel(channel);
        if (client != null) {
            LOG.info("consumer {} of group {} at {} unregistered", client.clientId(), group, channel.remoteAddress());
            afterLeave(info);
        }
    }

    /** Removes a closed channel from every group it was in. */
    public void onChannelClosed(Channel channel) {
        for (ConsumerGroupInfo info : groups.values()) {
            ClientChannelInfo client = info.removeChannel(channel);
            if (client != null) {
                LOG.info("consumer {} of group {} at {} disconnected", client.clientId(), info.groupName(),
                        channel.remoteAddress());
                afterLeave(info);
            }
        }
    }

    /** Drops consumers whose last heartbeat is older than {@code timeoutMillis}, closing their channels. */
    public void scanExpired(long nowMillis, long timeoutMillis) {
        for (ConsumerGroupInfo info : groups.values()) {
            var expired = info.removeExpired(nowMillis, timeoutMillis);
            for (ClientChannelInfo client : expired) {
                LOG.warn("consumer {} of group {} silent for {} ms: closing {}", client.clientId(), info.groupName(),
                        nowMillis - client.lastUpdateMillis(), client.channel().remoteAddress());
                client.channel().close();
            }
            if (!expired.isEmpty()) {
                afterLeave(info);
            }
        }
    }

    private void afterLeave(ConsumerGroupInfo info) {
        if (info.isEmpty()) {
            groups.remove(info.groupName(), info);
        }
        membershipChanged.accept(info);
    }

    /** The group's online state, or {@code null} when no member is online. */
    public ConsumerGroupInfo group(String group) {
        return groups.get(group);
    }

    /** The subscription of {@code group} to {@code topic} from heartbeats, or {@code null}. */
    public SubscriptionData subscription(String group, String topic) {
        ConsumerGroupInfo info = groups.get(group);
        return info == null ? null : info.subscription(topic);
    }

    /** Groups with an online member subscribed to {@code topic}. */
    public Set<String> groupsSubscribing(String topic) {
        Set<String> out = new HashSet<>();
        groups.forEach((name, info) -> {
            if (info.subscription(topic) != null) {
                out.add(name);
            }
        });
        return out;
    }

    /** Every online group. */
    public Map<String, ConsumerGroupInfo> groups() {
        return groups;
    }
}
