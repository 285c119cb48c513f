package io.apogee.client.admin;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RocketMQ's {@code messageTrackDetail}: for each group consuming a message's topic, whether it consumed the message,
 * judged as RocketMQ's admin judges it (a push group's committed offset of the message's queue on the broker that
 * stored it is past the message; a pull group cannot be judged).
 */
final class MessageTracks {

    private final DefaultMQAdminExt admin;

    MessageTracks(DefaultMQAdminExt admin) {
        this.admin = admin;
    }

    List<MessageTrack> of(MessageExt msg)
            throws RemotingException, MQClientException, InterruptedException, MQBrokerException {
        List<MessageTrack> tracks = new ArrayList<>();
        for (String group : admin.queryTopicConsumeByWho(msg.getTopic())) {
            tracks.add(track(group, msg));
        }
        return tracks;
    }

    private MessageTrack track(String group, MessageExt msg) throws InterruptedException {
        MessageTrack track = new MessageTrack();
        track.setConsumerGroup(group);
        track.setTrackType(TrackType.UNKNOWN);
        ConsumerConnection connection;
        try {
            connection = admin.examineConsumerConnectionInfo(group);
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == AdminResponseCode.CONSUMER_NOT_ONLINE) {
                track.setTrackType(TrackType.NOT_ONLINE);
            }
            track.setExceptionDesc("CODE:" + e.getResponseCode() + " DESC:" + e.getErrorMessage());
            return track;
        } catch (MQClientException | RemotingException e) {
            track.setExceptionDesc(e.toString());
            return track;
        }
        switch (connection.getConsumeType()) {
            case CONSUME_ACTIVELY -> track.setTrackType(TrackType.PULL);
            case CONSUME_PASSIVELY -> {
                try {
                    track.setTrackType(!consumed(group, msg) ? TrackType.NOT_CONSUME_YET
                            : takesTag(connection.getSubscriptionTable().get(msg.getTopic()), msg.getTags())
                                    ? TrackType.CONSUMED : TrackType.CONSUMED_BUT_FILTERED);
                } catch (MQBrokerException e) {
                    track.setExceptionDesc("CODE:" + e.getResponseCode() + " DESC:" + e.getErrorMessage());
                } catch (MQClientException e) {
                    if (e.getResponseCode() == AdminResponseCode.CONSUMER_NOT_ONLINE) {
                        track.setTrackType(TrackType.NOT_ONLINE);
                    }
                    track.setExceptionDesc(e.toString());
                } catch (RemotingException e) {
                    track.setExceptionDesc(e.toString());
                }
            }
            default -> {
            }
        }
        return track;
    }

    /** Whether {@code group}'s offset of the message's queue, on the broker that stored it, is past the message. */
    private boolean consumed(String group, MessageExt msg)
            throws RemotingException, MQClientException, InterruptedException, MQBrokerException {
        ConsumeStats stats = admin.examineConsumeStats(group);
        ClusterInfo cluster = admin.examineBrokerClusterInfo();
        String storeAddr = Channels.format(msg.getStoreHost());
        for (Map.Entry<MessageQueue, OffsetWrapper> e : stats.getOffsetTable().entrySet()) {
            MessageQueue mq = e.getKey();
            if (!mq.getTopic().equals(msg.getTopic()) || mq.getQueueId() != msg.getQueueId()) {
                continue;
            }
            BrokerData broker = cluster.brokerAddrTable().get(mq.getBrokerName());
            String master = broker == null ? null : broker.brokerAddrs().get(BrokerData.MASTER_ID);
            if (storeAddr.equals(master) && e.getValue().getConsumerOffset() > msg.getQueueOffset()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a subscription (none: not on record) takes messages of {@code tag}, as RocketMQ's check. */
    private static boolean takesTag(SubscriptionData subscription, String tag) {
        if (subscription == null) {
            return true;
        }
        Set<String> tags = subscription.getTagsSet();
        return tags.isEmpty() || tags.contains(SubscriptionData.SUB_ALL) || tags.contains(tag);
    }
}
