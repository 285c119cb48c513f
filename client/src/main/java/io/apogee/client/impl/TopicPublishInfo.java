package io.apogee.client.impl;

import io.apogee.common.message.MessageQueue;
import io.apogee.common.route.BrokerData;
import io.apogee.common.topic.Permission;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Where a producer may send a topic's messages: the writable queues of every broker name whose master is known,
 * in a stable order, plus a round-robin cursor for choosing one.
 */
public final class TopicPublishInfo {

    private final boolean orderTopic;
    private final List<MessageQueue> queues;
    private final AtomicInteger sendWhichQueue = new AtomicInteger(Math.abs((int) System.nanoTime()) % 1024);

    private TopicPublishInfo(boolean orderTopic, List<MessageQueue> queues) {
        this.orderTopic = orderTopic;
        this.queues = List.copyOf(queues);
    }

    /** No queues yet: a placeholder until the first route arrives. */
    public static TopicPublishInfo empty() {
        return new TopicPublishInfo(false, List.of());
    }

    /** The publish queues of {@code topic} in {@code route}; {@code orderTopicConf}, when set, decides alone. */
    public static TopicPublishInfo of(String topic, TopicRouteData route) {
        List<MessageQueue> queues = new ArrayList<>();
        if (route.orderTopicConf() != null && !route.orderTopicConf().isEmpty()) {
            for (String broker : route.orderTopicConf().split(";")) {
                String[] parts = broker.split(":");
                for (int i = 0; i < Integer.parseInt(parts[1]); i++) {
                    queues.add(new MessageQueue(topic, parts[0], i));
                }
            }
            return new TopicPublishInfo(true, queues);
        }
        List<QueueData> datas = new ArrayList<>(route.queueDatas());
        datas.sort(Comparator.comparing(QueueData::brokerName));
        for (QueueData qd : datas) {
            if (!Permission.isWriteable(qd.perm()) || !hasMaster(route, qd.brokerName())) {
                continue;
            }
            for (int i = 0; i < qd.writeQueueNums(); i++) {
                queues.add(new MessageQueue(topic, qd.brokerName(), i));
            }
        }
        return new TopicPublishInfo(false, queues);
    }

    /** The readable queues of {@code topic} in {@code route}, for consumers. */
    public static Set<MessageQueue> subscribeQueues(String topic, TopicRouteData route) {
        Set<MessageQueue> queues = new TreeSet<>();
        for (QueueData qd : route.queueDatas()) {
            if (Permission.isReadable(qd.perm())) {
                for (int i = 0; i < qd.readQueueNums(); i++) {
                    queues.add(new MessageQueue(topic, qd.brokerName(), i));
                }
            }
        }
        return queues;
    }

    private static boolean hasMaster(TopicRouteData route, String brokerName) {
        for (BrokerData bd : route.brokerDatas()) {
            if (bd.brokerName().equals(brokerName) && bd.brokerAddrs() != null
                    && bd.brokerAddrs().containsKey(BrokerData.MASTER_ID)) {
                return true;
            }
        }
        return false;
    }

    public boolean isOrderTopic() {
        return orderTopic;
    }

    public boolean ok() {
        return !queues.isEmpty();
    }

    public List<MessageQueue> queues() {
        return queues;
    }

    /** The next queue in round-robin order. */
    public MessageQueue nextQueue() {
        return queues.get(Math.floorMod(sendWhichQueue.getAndIncrement(), queues.size()));
    }

    /**
     * The next queue in round-robin order whose broker is not {@code avoidBroker} and passes {@code usable};
     * falls back to the next queue of another broker, then to any queue.
     */
    public MessageQueue selectQueue(String avoidBroker, Predicate<String> usable) {
        for (int i = 0; i < queues.size(); i++) {
            MessageQueue mq = nextQueue();
            if (!mq.getBrokerName().equals(avoidBroker) && usable.test(mq.getBrokerName())) {
                return mq;
            }
        }
        for (int i = 0; i < queues.size(); i++) {
            MessageQueue mq = nextQueue();
            if (!mq.getBrokerName().equals(avoidBroker)) {
                return mq;
            }
        }
        return nextQueue();
    }
}
