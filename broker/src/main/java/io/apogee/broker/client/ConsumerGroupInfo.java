package io.apogee.broker.client;

import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The online members of one consumer group and what they subscribe to (as of their latest heartbeats). */
public final class ConsumerGroupInfo {

    private final String groupName;
    private final Map<Channel, ClientChannelInfo> channels = new ConcurrentHashMap<>();
    private final Map<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private volatile ConsumeType consumeType;
    private volatile MessageModel messageModel;
    private volatile ConsumeFromWhere consumeFromWhere;
    private volatile long lastUpdateMillis = System.currentTimeMillis();

    ConsumerGroupInfo(String groupName) {
        this.groupName = groupName;
    }

    /** Records a heartbeat; true when the channel is new to the group. */
    boolean updateChannel(ClientChannelInfo info, ConsumeType type, MessageModel model, ConsumeFromWhere where) {
        consumeType = type;
        messageModel = model;
        consumeFromWhere = where;
        lastUpdateMillis = System.currentTimeMillis();
        ClientChannelInfo old = channels.putIfAbsent(info.channel(), info);
        if (old != null) {
            old.touch(lastUpdateMillis);
            return false;
        }
        return true;
    }

    /** Replaces the subscriptions with a heartbeat's set; true when any topic was added or removed. */
    boolean updateSubscriptions(Set<SubscriptionData> latest) {
        boolean changed = false;
        for (SubscriptionData sub : latest) {
            SubscriptionData old = subscriptions.get(sub.getTopic());
            if (old == null) {
                changed = true;
                subscriptions.put(sub.getTopic(), sub);
            } else if (sub.getSubVersion() > old.getSubVersion()) {
                subscriptions.put(sub.getTopic(), sub);
            }
        }
        Set<String> topics = new java.util.HashSet<>();
        latest.forEach(s -> topics.add(s.getTopic()));
        changed |= subscriptions.keySet().retainAll(topics);
        return changed;
    }

    /** Forgets a channel; the member it was, or {@code null} when it was none. */
    ClientChannelInfo removeChannel(Channel channel) {
        return channels.remove(channel);
    }

    /** Removes members silent for longer than {@code timeoutMillis} and returns them. */
    List<ClientChannelInfo> removeExpired(long nowMillis, long timeoutMillis) {
        List<ClientChannelInfo> expired = new ArrayList<>();
        channels.values().removeIf(info -> {
            boolean old = nowMillis - info.lastUpdateMillis() > timeoutMillis;
            if (old) {
                expired.add(info);
            }
            return old;
        });
        return expired;
    }

    public String groupName() {
        return groupName;
    }

    public Collection<ClientChannelInfo> channels() {
        return channels.values();
    }

    public boolean isEmpty() {
        return channels.isEmpty();
    }

    /** Client ids of the online members. */
    public List<String> clientIds() {
        List<String> ids = new ArrayList<>();
        channels.values().forEach(c -> ids.add(c.clientId()));
        return ids;
    }

    public SubscriptionData subscription(String topic) {
        return subscriptions.get(topic);
    }

    public Map<String, SubscriptionData> subscriptions() {
        return subscriptions;
    }

    public ConsumeType consumeType() {
        return consumeType;
    }

    public MessageModel messageModel() {
        return messageModel;
    }

    public ConsumeFromWhere consumeFromWhere() {
        return consumeFromWhere;
    }

    public long lastUpdateMillis() {
        return lastUpdateMillis;
    }
}
