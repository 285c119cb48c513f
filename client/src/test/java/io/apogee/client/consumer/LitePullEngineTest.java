package io.apogee.client.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.consumer.store.LocalFileOffsetStore;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeBroker;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.route.BrokerData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lite-pull consumer against a fake NameServer and broker: assign, subscribe, poll, commit, seek, pause. */
class LitePullEngineTest {

    private static final String GROUP = "liteGroup";
    private static final String TOPIC = "LiteTopic";
    private static final Duration LONG = Duration.ofSeconds(30);

    private FakeNamesrv namesrv;
    private FakeBroker broker;
    private DefaultLitePullConsumer consumer;
    private MessageQueue q0;

    @BeforeEach
    void start() throws Exception {
        namesrv = new FakeNamesrv();
        broker = new FakeBroker("broker-a");
        namesrv.putRoute(TOPIC, FakeNamesrv.route(2, broker));
        q0 = new MessageQueue(TOPIC, broker.name(), 0);
        consumer = ClientConfigs.using(new DefaultLitePullConsumer(GROUP), namesrv.address());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setAutoCommit(false);
        consumer.setRebalanceInterval(500);
    }

    @AfterEach
    void stop() {
        consumer.shutdown();
        broker.close();
        namesrv.close();
    }

    /** Polls until {@code count} messages arrived (or the deadline passes). */
    private List<MessageExt> pollFor(int count) throws Exception {
        List<MessageExt> polled = new ArrayList<>();
        long deadline = System.currentTimeMillis() + LONG.toMillis();
        while (polled.size() < count && System.currentTimeMillis() < deadline) {
            polled.addAll(consumer.poll(1_000));
        }
        return polled;
    }

    private static List<Long> offsets(List<MessageExt> messages) {
        return messages.stream().map(MessageExt::getQueueOffset).toList();
    }

    @Test
    void anAssignedQueueIsPolledAndItsOffsetCommittedOnlyWhenAsked() throws Exception {
        broker.append(TOPIC, 0, "TagA", 3);
        consumer.start();
        consumer.assign(List.of(q0));

        assertEquals(List.of(0L, 1L, 2L), offsets(pollFor(3)));
        assertEquals(Set.of(q0), consumer.assignment());
        assertEquals(null, broker.offset(GROUP, TOPIC, 0), "no auto-commit");

        consumer.commitSync();

        assertEquals(3, consumer.committed(q0));
        await().atMost(LONG).until(() -> Long.valueOf(3).equals(broker.offset(GROUP, TOPIC, 0)));
        assertTrue(broker.pulls(TOPIC).stream().allMatch(p -> p.getQueueId() == 0), "only the assigned queue");
    }

    @Test
    void aSubscriptionIsRebalancedOverEveryQueueAndStartsAtTheCommittedOffset() throws Exception {
        broker.setOffset(GROUP, TOPIC, 1, 1);
        broker.append(TOPIC, 0, "TagA", 1);
        broker.append(TOPIC, 1, "TagA", 2);
        consumer.subscribe(TOPIC, "*");
        consumer.start();

        await().atMost(LONG).until(() -> consumer.assignment().size() == 2);
        List<MessageExt> polled = pollFor(2);
        assertEquals(2, polled.size());
        assertTrue(polled.stream().anyMatch(m -> m.getQueueId() == 1 && m.getQueueOffset() == 1),
                "queue 1 starts at its committed offset 1: " + polled);
        assertEquals(Set.of(q0, new MessageQueue(TOPIC, broker.name(), 1)), consumer.fetchMessageQueues(TOPIC));
    }

    @Test
    void seekMovesThePullAndDropsWhatWasBuffered() throws Exception {
        broker.append(TOPIC, 0, "TagA", 4);
        consumer.start();
        consumer.assign(List.of(q0));
        assertEquals(4, pollFor(4).size());

        consumer.seek(q0, 1);
        assertEquals(List.of(1L, 2L, 3L), offsets(pollFor(3)));
        consumer.seekToBegin(q0);
        assertEquals(0L, pollFor(1).get(0).getQueueOffset());
        assertThrows(MQClientException.class, () -> consumer.seek(new MessageQueue(TOPIC, "broker-a", 1), 0),
                "not assigned");
    }

    @Test
    void aPausedQueueHoldsItsMessagesBackUntilResumed() throws Exception {
        consumer.start();
        consumer.assign(List.of(q0));
        await().atMost(LONG).until(() -> !broker.pulls(TOPIC).isEmpty());

        consumer.pause(List.of(q0));
        broker.append(TOPIC, 0, "TagA", 1);
        assertTrue(consumer.poll(1_500).isEmpty(), "the message pulled while paused is held back");
        int pulls = broker.pulls(TOPIC).size();
        await().during(Duration.ofMillis(1_500)).atMost(LONG).until(() -> broker.pulls(TOPIC).size() == pulls);

        consumer.resume(List.of(q0));
        assertEquals(List.of(0L), offsets(pollFor(1)));
    }

    @Test
    void callsBeforeStartAreRefused() {
        assertThrows(IllegalStateException.class, () -> consumer.poll(10), "unchecked, as RocketMQ's poll");
        assertThrows(IllegalStateException.class, () -> consumer.commitSync());
        assertThrows(MQClientException.class, () -> consumer.committed(new MessageQueue(TOPIC, "b", 0)));
    }

    @Test
    void assignedQueuesAreFilteredByTheirSubExpressionForAssign() throws Exception {
        broker.append(TOPIC, 0, "TagA", 2);
        broker.append(TOPIC, 0, "TagB", 2);
        consumer.setSubExpressionForAssign(TOPIC, "TagB");
        consumer.start();
        consumer.assign(List.of(q0));

        List<MessageExt> polled = pollFor(2);
        assertEquals(List.of("TagB", "TagB"), polled.stream().map(MessageExt::getTags).toList());
        assertEquals("TagB", broker.pulls(TOPIC).get(0).getSubscription(), "the broker is asked for TagB only");
    }

    @Test
    void connectBrokerByUserPullsFromTheChosenBrokerIdUntilSwitchedOff() throws Exception {
        try (FakeBroker slave = new FakeBroker("broker-a")) {
            namesrv.putRoute("Replicated", FakeNamesrv.route(1, Map.of("broker-a",
                    Map.of(BrokerData.MASTER_ID, broker.address(), 1L, slave.address()))));
            MessageQueue replicated = new MessageQueue("Replicated", "broker-a", 0);
            consumer.setConnectBrokerByUser(true);
            consumer.setDefaultBrokerId(1);
            consumer.start();
            consumer.assign(List.of(replicated));
            slave.append("Replicated", 0, "TagA", 1);
            assertEquals(1, pollFor(1).size());
            assertTrue(broker.pulls("Replicated").isEmpty(), "every pull went to broker id 1");

            consumer.setConnectBrokerByUser(false);
            // answers the pull broker id 1 may hold; the one after goes to the master
            slave.append("Replicated", 0, "TagA", 1);
            await().atMost(LONG).until(() -> !broker.pulls("Replicated").isEmpty());
        }
    }

    @Test
    void aMessageQueueListenerHearsOfEachChangedShare() throws Exception {
        Map<String, Set<MessageQueue>> divided = new ConcurrentHashMap<>();
        MessageQueueListener listener = (topic, mqAll, mqDivided) -> divided.put(topic, Set.copyOf(mqDivided));
        consumer.subscribe(TOPIC, "*", listener);
        assertSame(listener, consumer.getMessageQueueListener());
        consumer.start();

        await().atMost(LONG).until(() -> divided.getOrDefault(TOPIC, Set.of()).size() == 2);
        assertEquals(consumer.assignment(), divided.get(TOPIC));
        assertThrows(MQClientException.class, () -> consumer.subscribe(TOPIC, "*", null));
    }

    @Test
    void theAppsOffsetStoreKeepsTheCommittedOffsets(@TempDir Path dir) throws Exception {
        LocalFileOffsetStore store = new LocalFileOffsetStore(dir, "lite-app", GROUP);
        consumer.setOffsetStore(store);
        broker.append(TOPIC, 0, "TagA", 3);
        consumer.start();
        assertSame(store, consumer.getOffsetStore());
        consumer.assign(List.of(q0));
        assertEquals(3, pollFor(3).size());

        consumer.commitSync();
        assertEquals(3, store.readOffset(q0, ReadOffsetType.READ_FROM_MEMORY));
        assertNull(broker.offset(GROUP, TOPIC, 0), "not the broker's store");
    }

    @Test
    void updateNameServerAddressAsksTheNewNameServers() throws Exception {
        try (FakeNamesrv other = new FakeNamesrv()) {
            other.putRoute("OnlyThere", FakeNamesrv.route(3, broker));
            consumer.start();
            assertThrows(MQClientException.class, () -> consumer.fetchMessageQueues("OnlyThere"));
            consumer.updateNameServerAddress(other.address());
            assertEquals(3, consumer.fetchMessageQueues("OnlyThere").size());
            assertEquals(other.address(), consumer.getNamesrvAddr());
        }
    }

    @Test
    void aSuspendTimeoutNotLongerThanTheHoldIsRefused() {
        assertEquals(30_000, consumer.getConsumerTimeoutMillisWhenSuspend());
        assertEquals(10_000, consumer.getConsumerPullTimeoutMillis());
        consumer.setConsumerTimeoutMillisWhenSuspend(20_000);
        MQClientException e = assertThrows(MQClientException.class, consumer::start);
        assertTrue(e.getMessage().contains("brokerSuspendMaxTimeMillis 20000"), e.getMessage());
    }
}
