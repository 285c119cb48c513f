package io.apogee.client.consumer.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The allocation strategies named after RocketMQ 4.9's: coverage, stability, edge cases and argument checks. */
class RocketMqStrategiesTest {

    private static final List<MessageQueue> QUEUES = queues("T", "broker-a", 6, "broker-b", 6);
    private static final List<MessageQueue> ROOM_QUEUES = queues("T", "hz@broker-a", 4, "sh@broker-b", 3);

    private static List<MessageQueue> queues(String topic, String broker1, int n1, String broker2, int n2) {
        List<MessageQueue> all = new ArrayList<>();
        IntStream.range(0, n1).forEach(i -> all.add(new MessageQueue(topic, broker1, i)));
        IntStream.range(0, n2).forEach(i -> all.add(new MessageQueue(topic, broker2, i)));
        return List.copyOf(all);
    }

    private static List<String> cids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "10.0.0." + i + "@" + i).toList();
    }

    /** Every consumer's share, concatenated. */
    private static List<MessageQueue> union(AllocateMessageQueueStrategy s, List<MessageQueue> mqs,
            List<String> cids) {
        List<MessageQueue> all = new ArrayList<>();
        cids.forEach(c -> all.addAll(s.allocate("g", c, mqs, cids)));
        return all;
    }

    private static void assertExactlyOnce(List<MessageQueue> expected, List<MessageQueue> allocated, String what) {
        assertEquals(expected.size(), allocated.size(), what + ": a queue given twice or left out");
        assertEquals(new HashSet<>(expected), new HashSet<>(allocated), what);
    }

    @Test
    void consistentHashCoversEachQueueOnceForAnyGroupSizeAndNodeCount() {
        for (int nodes : new int[] {1, 3, 10, 50}) {
            AllocateMessageQueueConsistentHash s = new AllocateMessageQueueConsistentHash(nodes);
            for (int consumers = 1; consumers <= 20; consumers++) {
                assertExactlyOnce(QUEUES, union(s, QUEUES, cids(consumers)), nodes + " nodes, " + consumers);
            }
        }
        assertEquals("CONSISTENT_HASH", new AllocateMessageQueueConsistentHash().getName());
    }

    @Test
    void consistentHashIsStableAndMovesFewQueuesWhenAConsumerJoins() {
        AllocateMessageQueueConsistentHash s = new AllocateMessageQueueConsistentHash();
        List<String> four = cids(4);
        List<MessageQueue> first = s.allocate("g", four.get(1), QUEUES, four);
        assertEquals(first, new AllocateMessageQueueConsistentHash().allocate("g", four.get(1), QUEUES, four));
        List<String> five = cids(5);
        int moved = 0;
        for (String cid : four) {
            Set<MessageQueue> before = new HashSet<>(s.allocate("g", cid, QUEUES, four));
            before.removeAll(s.allocate("g", cid, QUEUES, five));
            moved += before.size();
        }
        List<MessageQueue> joined = s.allocate("g", five.get(4), QUEUES, five);
        assertEquals(joined.size(), moved, "only queues the new consumer takes change owner");
    }

    @Test
    void consistentHashWithMoreConsumersThanQueuesOrAnUnknownConsumer() {
        AllocateMessageQueueConsistentHash s = new AllocateMessageQueueConsistentHash();
        List<MessageQueue> two = QUEUES.subList(0, 2);
        List<String> many = cids(30);
        assertExactlyOnce(two, union(s, two, many), "30 consumers, 2 queues");
        assertEquals(List.of(), s.allocate("g", "not-in-group", QUEUES, many));
        assertEquals(List.of(), new AllocateMessageQueueConsistentHash(0).allocate("g", many.get(0), QUEUES, many),
                "no points on the ring: nobody owns anything, as in RocketMQ");
    }

    @Test
    void consistentHashUsesTheGivenHashFunction() {
        List<String> keys = new ArrayList<>();
        HashFunction recording = key -> {
            keys.add(key);
            return key.startsWith("MessageQueue") ? 5 : 10;
        };
        AllocateMessageQueueConsistentHash s = new AllocateMessageQueueConsistentHash(2, recording);
        List<String> cids = List.of("a", "b");
        assertEquals(QUEUES.subList(0, 1), s.allocate("g", "b", QUEUES.subList(0, 1), cids),
                "every point hashes to 10; the last put owns it");
        assertEquals(List.of("a-0", "a-1", "b-0", "b-1", "MessageQueue [topic=T, brokerName=broker-a, queueId=0]"),
                keys);
    }

    @Test
    void consistentHashDefaultHashIsTheMd5PrefixOfTheKey() {
        // MD5("abc") = 900150983cd24fb0d6963f7d28e17f72
        assertEquals(0x90015098L, new AllocateMessageQueueConsistentHash.Md5Hash().hash("abc"));
    }

    @Test
    void badArgumentsAreRejectedWithRocketMqsMessages() {
        assertMessage("illegal virtualNodeCnt :-1", () -> new AllocateMessageQueueConsistentHash(-1));
        assertMessage("hashFunction cannot be null", () -> new AllocateMessageQueueConsistentHash(10, null));
        for (AbstractAllocateMessageQueueStrategy s : List.of(new AllocateMessageQueueConsistentHash(),
                new AllocateMessageQueueByMachineRoom(), new AllocateMachineRoomNearby(
                        new AllocateMessageQueueAveragely(), resolver()), new AllocateMessageQueueAveragely(),
                new AllocateMessageQueueAveragelyByCircle())) {
            assertMessage("currentCID is empty", () -> s.allocate("g", "", QUEUES, cids(2)));
            assertMessage("currentCID is empty", () -> s.allocate("g", null, QUEUES, cids(2)));
            assertMessage("mqAll is null or mqAll empty", () -> s.allocate("g", "c", List.of(), cids(2)));
            assertMessage("mqAll is null or mqAll empty", () -> s.allocate("g", "c", null, cids(2)));
            assertMessage("cidAll is null or cidAll empty", () -> s.allocate("g", "c", QUEUES, List.of()));
            assertMessage("cidAll is null or cidAll empty", () -> s.allocate("g", "c", QUEUES, null));
        }
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> new AllocateMachineRoomNearby(null, resolver()));
        assertEquals("allocateMessageQueueStrategy is null", npe.getMessage());
        npe = assertThrows(NullPointerException.class,
                () -> new AllocateMachineRoomNearby(new AllocateMessageQueueAveragely(), null));
        assertEquals("machineRoomResolver is null", npe.getMessage());
    }

    private static void assertMessage(String message, Supplier<?> call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
        assertEquals(message, e.getMessage());
    }

    @Test
    void byConfigReturnsTheConfiguredQueuesWhateverTheGroup() {
        AllocateMessageQueueByConfig s = new AllocateMessageQueueByConfig();
        assertEquals(List.of(), s.allocate("g", "c0", QUEUES, cids(3)));
        s.setMessageQueueList(QUEUES.subList(2, 4));
        assertEquals(QUEUES.subList(2, 4), s.allocate("g", "c0", QUEUES, cids(3)));
        assertEquals(QUEUES.subList(2, 4), s.allocate("other", "x", List.of(), List.of()));
        assertEquals(QUEUES.subList(2, 4), s.getMessageQueueList());
        assertEquals("CONFIG", s.getName());
    }

    @Test
    void byMachineRoomDividesOnlyTheChosenRoomsQueues() {
        AllocateMessageQueueByMachineRoom s = new AllocateMessageQueueByMachineRoom();
        List<String> three = cids(3);
        assertEquals(List.of(), union(s, ROOM_QUEUES, three), "no rooms chosen");
        s.setConsumeridcs(Set.of("hz"));
        List<MessageQueue> hz = ROOM_QUEUES.subList(0, 4);
        // 4 queues, 3 consumers: blocks of one, and the first consumer also takes the tail's queue 3
        assertEquals(List.of(hz.get(0), hz.get(3)), s.allocate("g", three.get(0), ROOM_QUEUES, three));
        assertEquals(List.of(hz.get(1)), s.allocate("g", three.get(1), ROOM_QUEUES, three));
        assertEquals(List.of(hz.get(2)), s.allocate("g", three.get(2), ROOM_QUEUES, three));
        s.setConsumeridcs(Set.of("hz", "sh"));
        for (int consumers = 1; consumers <= 9; consumers++) {
            assertExactlyOnce(ROOM_QUEUES, union(s, ROOM_QUEUES, cids(consumers)), consumers + " consumers");
        }
        assertEquals(List.of(), s.allocate("g", "not-in-group", ROOM_QUEUES, three));
        assertEquals(List.of(), union(s, QUEUES, three), "broker names without an idc@ prefix");
        assertEquals("MACHINE_ROOM", s.getName());
    }

    /** Brokers "hz@..." and "sh@..."; consumers "hz-..." and "sh-...". */
    private static AllocateMachineRoomNearby.MachineRoomResolver resolver() {
        return new AllocateMachineRoomNearby.MachineRoomResolver() {
            @Override
            public String brokerDeployIn(MessageQueue messageQueue) {
                return MachineRooms.of(messageQueue);
            }

            @Override
            public String consumerDeployIn(String clientID) {
                return clientID.split("-")[0];
            }
        };
    }

    @Test
    void machineRoomNearbyKeepsEachRoomsQueuesInThatRoom() {
        AllocateMachineRoomNearby s = new AllocateMachineRoomNearby(new AllocateMessageQueueAveragely(), resolver());
        List<String> both = List.of("hz-1", "hz-2", "sh-1");
        assertExactlyOnce(ROOM_QUEUES, union(s, ROOM_QUEUES, both), "both rooms have consumers");
        assertEquals(ROOM_QUEUES.subList(4, 7), s.allocate("g", "sh-1", ROOM_QUEUES, both));
        assertEquals(ROOM_QUEUES.subList(0, 2), s.allocate("g", "hz-1", ROOM_QUEUES, both));
        assertEquals(ROOM_QUEUES.subList(2, 4), s.allocate("g", "hz-2", ROOM_QUEUES, both));
        List<String> hzOnly = List.of("hz-1", "hz-2");
        assertExactlyOnce(ROOM_QUEUES, union(s, ROOM_QUEUES, hzOnly), "room sh has no consumer");
        assertTrue(s.allocate("g", "hz-1", ROOM_QUEUES, hzOnly).contains(ROOM_QUEUES.get(4)),
                "sh's queues are shared among everyone");
        assertEquals(List.of(), s.allocate("g", "hz-9", ROOM_QUEUES, hzOnly));
        assertEquals("MACHINE_ROOM_NEARBY-AVG", s.getName());
    }
}
