package io.apogee.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.consumer.rebalance.AllocateMessageQueueAveragely;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Queue allocation among a group's members, and the releases and acquisitions a change of members causes. */
class RebalancerTest {

    private static final String GROUP = "rebalanceGroup";
    private static final String TOPIC = "T";

    /** Two brokers with four queues each, deliberately out of order: the rebalancer sorts them. */
    private static Set<MessageQueue> queues() {
        Set<MessageQueue> all = new HashSet<>();
        IntStream.range(0, 4).forEach(i -> {
            all.add(new MessageQueue(TOPIC, "broker-b", i));
            all.add(new MessageQueue(TOPIC, "broker-a", i));
        });
        return all;
    }

    private static Set<MessageQueue> onBroker(String broker, int... ids) {
        return IntStream.of(ids).mapToObj(i -> new MessageQueue(TOPIC, broker, i)).collect(Collectors.toSet());
    }

    @Test
    void clusteringTakesThisClientsShareOfTheSortedQueues() {
        Membership members = new Membership("c2", List.of("c3", "c1", "c2"));
        Owner owner = new Owner();
        Rebalancer rebalancer = rebalancer(MessageModel.CLUSTERING, members, owner);
        rebalancer.updateTopicQueues(TOPIC, queues());

        rebalancer.rebalance(Set.of(TOPIC));

        Set<MessageQueue> expected = new HashSet<>(onBroker("broker-a", 3));
        expected.addAll(onBroker("broker-b", 0, 1));
        assertEquals(expected, owner.held, "8 queues over c1, c2, c3: c2 has the 4th to 6th of the sorted list");
        assertEquals(List.of(), owner.released);
    }

    @Test
    void aMemberLeavingHandsItsQueuesOverAndOneJoiningTakesSomeBack() {
        Membership members = new Membership("c1", List.of("c1", "c2"));
        Owner owner = new Owner();
        Rebalancer rebalancer = rebalancer(MessageModel.CLUSTERING, members, owner);
        rebalancer.updateTopicQueues(TOPIC, queues());
        rebalancer.rebalance(Set.of(TOPIC));
        assertEquals(onBroker("broker-a", 0, 1, 2, 3), owner.held);

        members.ids = List.of("c1");
        rebalancer.rebalance(Set.of(TOPIC));
        assertEquals(queues(), owner.held, "alone in the group: every queue");
        assertEquals(List.of(), owner.released);

        members.ids = List.of("c0", "c1");
        rebalancer.rebalance(Set.of(TOPIC));
        assertEquals(onBroker("broker-b", 0, 1, 2, 3), owner.held, "c0 sorts first and takes broker-a's queues");
        assertEquals(onBroker("broker-a", 0, 1, 2, 3), new HashSet<>(owner.released));
    }

    @Test
    void aQueueThatCannotBeTakenNowIsTriedAgainNextRound() {
        Membership members = new Membership("c1", List.of("c1"));
        Owner owner = new Owner();
        MessageQueue locked = new MessageQueue(TOPIC, "broker-a", 2);
        owner.refused.add(locked);
        Rebalancer rebalancer = rebalancer(MessageModel.CLUSTERING, members, owner);
        rebalancer.updateTopicQueues(TOPIC, queues());

        rebalancer.rebalance(Set.of(TOPIC));
        assertEquals(7, owner.held.size());

        owner.refused.clear();
        rebalancer.rebalance(Set.of(TOPIC));
        assertEquals(queues(), owner.held);
    }

    @Test
    void queuesGoneFromTheRouteAreReleased() {
        Membership members = new Membership("c1", List.of("c1"));
        Owner owner = new Owner();
        Rebalancer rebalancer = rebalancer(MessageModel.CLUSTERING, members, owner);
        rebalancer.updateTopicQueues(TOPIC, queues());
        rebalancer.rebalance(Set.of(TOPIC));

        rebalancer.updateTopicQueues(TOPIC, onBroker("broker-b", 0, 1, 2, 3));
        rebalancer.rebalance(Set.of(TOPIC));

        assertEquals(onBroker("broker-b", 0, 1, 2, 3), owner.held);
        assertEquals(onBroker("broker-a", 0, 1, 2, 3), new HashSet<>(owner.released));
    }

    @Test
    void broadcastingTakesEveryQueueWithoutAskingForMembers() {
        Membership members = new Membership("c1", List.of());
        Owner owner = new Owner();
        Rebalancer rebalancer = rebalancer(MessageModel.BROADCASTING, members, owner);
        rebalancer.updateTopicQueues(TOPIC, queues());

        rebalancer.rebalance(Set.of(TOPIC));

        assertEquals(queues(), owner.held);
        assertEquals(0, members.idRequests);
    }

    @Test
    void nothingChangesWhileMembersOrRoutesAreUnknown() {
        Membership members = new Membership("c1", List.of());
        Owner owner = new Owner();
        Rebalancer rebalancer = rebalancer(MessageModel.CLUSTERING, members, owner);

        rebalancer.rebalance(Set.of(TOPIC));
        assertEquals(List.of(TOPIC), members.refreshed, "an unknown route is fetched first");
        assertTrue(owner.held.isEmpty());

        rebalancer.updateTopicQueues(TOPIC, queues());
        rebalancer.rebalance(Set.of(TOPIC));
        assertTrue(owner.held.isEmpty(), "no member list from any broker: keep what is held (nothing)");
        assertEquals(queues(), rebalancer.topicQueues(TOPIC));
    }

    @Test
    void aRouteFetchedDuringTheRoundIsUsedAtOnce() {
        Owner owner = new Owner();
        Rebalancer[] self = new Rebalancer[1];
        Membership members = new Membership("c1", List.of("c1")) {
            @Override
            public void refreshRoute(String topic) {
                super.refreshRoute(topic);
                self[0].updateTopicQueues(topic, queues());
            }
        };
        self[0] = rebalancer(MessageModel.CLUSTERING, members, owner);

        self[0].rebalance(Set.of(TOPIC));

        assertEquals(queues(), owner.held);
    }

    private static Rebalancer rebalancer(MessageModel model, Membership members, Owner owner) {
        return new Rebalancer(GROUP, model, new AllocateMessageQueueAveragely(), members, owner);
    }

    /** A group whose member ids the test sets. */
    private static class Membership implements Rebalancer.Membership {

        final String clientId;
        final List<String> refreshed = new ArrayList<>();
        volatile List<String> ids;
        int idRequests;

        Membership(String clientId, List<String> ids) {
            this.clientId = clientId;
            this.ids = ids;
        }

        @Override
        public String clientId() {
            return clientId;
        }

        @Override
        public List<String> consumerIds(String topic, String group) {
            idRequests++;
            assertEquals(GROUP, group);
            return ids;
        }

        @Override
        public void refreshRoute(String topic) {
            refreshed.add(topic);
        }
    }

    /** Holds what it is given, except queues it is told to refuse. */
    private static final class Owner implements Rebalancer.QueueOwner {

        final Set<MessageQueue> held = ConcurrentHashMap.newKeySet();
        final Set<MessageQueue> refused = new TreeSet<>();
        final List<MessageQueue> released = new ArrayList<>();

        @Override
        public Set<MessageQueue> ownedQueues(String topic) {
            return held.stream().filter(mq -> mq.getTopic().equals(topic)).collect(Collectors.toSet());
        }

        @Override
        public boolean release(MessageQueue mq) {
            released.add(mq);
            return held.remove(mq);
        }

        @Override
        public boolean acquire(MessageQueue mq) {
            return !refused.contains(mq) && held.add(mq);
        }
    }
}
