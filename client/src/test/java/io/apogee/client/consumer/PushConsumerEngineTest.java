package io.apogee.client.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.ConsumeOrderlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeBroker;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.message.MessageExt;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push consumer against a fake NameServer and broker: consumption, offsets, rebalancing, flow control. */
class PushConsumerEngineTest {

    private static final String GROUP = "pushGroup";
    private static final String TOPIC = "PushTopic";
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private FakeNamesrv namesrv;
    private FakeBroker broker;
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();
    private final List<MessageExt> consumed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServers() {
        namesrv = new FakeNamesrv();
        broker = new FakeBroker("broker-a");
    }

    @AfterEach
    void stopEverything() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        broker.close();
        namesrv.close();
    }

    private DefaultMQPushConsumer consumer(int queues, String expression) throws Exception {
        namesrv.putRoute(TOPIC, FakeNamesrv.route(queues, broker));
        DefaultMQPushConsumer consumer = ClientConfigs.using(new DefaultMQPushConsumer(GROUP), namesrv.address());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setRebalanceInterval(500);
        consumer.setLocalOffsetStoreDir(dir.toString());
        consumer.subscribe(TOPIC, expression);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            consumed.addAll(msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumers.add(consumer);
        return consumer;
    }

    private List<PullMessageRequestHeader> pullsOf(int queueId) {
        return broker.pulls(TOPIC).stream().filter(p -> p.getQueueId() == queueId).toList();
    }

    @Test
    void matchingMessagesAreConsumedAndTheirOffsetsCommittedToTheBroker() throws Exception {
        broker.append(TOPIC, 0, "TagA", 3);
        broker.append(TOPIC, 1, "TagB", 2);
        broker.append(TOPIC, 1, "TagA", 1);
        DefaultMQPushConsumer consumer = consumer(2, "TagA");

        consumer.start();

        await().atMost(LONG).until(() -> consumed.size() == 4);
        assertTrue(consumed.stream().allMatch(m -> "TagA".equals(m.getTags())));
        assertEquals(TOPIC, consumed.get(0).getTopic());
        consumer.shutdown();
        await().atMost(LONG).until(() -> Long.valueOf(3).equals(broker.offset(GROUP, TOPIC, 0))
                && Long.valueOf(3).equals(broker.offset(GROUP, TOPIC, 1)));
        assertTrue(broker.heartbeats().stream().anyMatch(h -> !h.getConsumerDataSet().isEmpty()));
    }

    @Test
    void aConsumerSharesTheQueuesWithAnotherMemberAndTakesThemAllWhenItLeaves() throws Exception {
        broker.addMember(GROUP, "zzz-other-client");
        DefaultMQPushConsumer consumer = consumer(4, "*");

        consumer.start();

        await().atMost(LONG).until(() -> !pullsOf(0).isEmpty() && !pullsOf(1).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(LONG).until(() -> pullsOf(2).isEmpty() && pullsOf(3).isEmpty());
        broker.removeMember(GROUP, "zzz-other-client");
        await().atMost(LONG).until(() -> !pullsOf(2).isEmpty() && !pullsOf(3).isEmpty());
        broker.append(TOPIC, 3, "TagA", 1);
        await().atMost(LONG).until(() -> consumed.size() == 1);
    }

    @Test
    void aFailedMessageIsSentBackAndItsOffsetStillCommitted() throws Exception {
        broker.append(TOPIC, 0, "TagA", 1);
        DefaultMQPushConsumer consumer = consumer(1, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) ->
                ConsumeConcurrentlyStatus.RECONSUME_LATER);

        consumer.start();

        await().atMost(LONG).until(() -> broker.sendBacks().size() == 1);
        ConsumerSendMsgBackRequestHeader back = broker.sendBacks().get(0);
        assertEquals(GROUP, back.getGroup());
        assertEquals(TOPIC, back.getOriginTopic());
        assertEquals(0, back.getDelayLevel());
        assertEquals(Redelivery.DEFAULT_MAX_RECONSUME_TIMES, back.getMaxReconsumeTimes());
        consumer.shutdown();
        await().atMost(LONG).until(() -> Long.valueOf(1).equals(broker.offset(GROUP, TOPIC, 0)));
    }

    @Test
    void aSuspendedConsumerStopsPullingAndCatchesUpWhenResumed() throws Exception {
        DefaultMQPushConsumer consumer = consumer(1, "*");
        consumer.start();
        await().atMost(LONG).until(() -> !pullsOf(0).isEmpty());

        consumer.suspend();
        broker.append(TOPIC, 0, "TagA", 1);
        await().atMost(LONG).until(() -> consumed.size() == 1);
        int pulls = pullsOf(0).size();
        broker.append(TOPIC, 0, "TagA", 1);
        await().during(Duration.ofSeconds(2)).atMost(LONG).until(() -> pullsOf(0).size() == pulls);
        assertEquals(1, consumed.size());

        consumer.resume();
        await().atMost(LONG).until(() -> consumed.size() == 2);
    }

    @Test
    void pullingStopsWhileAQueueHoldsMoreThanItsThreshold() throws Exception {
        broker.append(TOPIC, 0, "TagA", 10);
        DefaultMQPushConsumer consumer = consumer(1, "*");
        consumer.setPullBatchSize(2);
        consumer.setPullThresholdForQueue(3);
        CountDownLatch release = new CountDownLatch(1);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumed.addAll(msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });

        consumer.start();

        await().atMost(LONG).until(() -> pullsOf(0).size() == 2);
        await().during(Duration.ofMillis(1_500)).atMost(LONG).until(() -> pullsOf(0).size() == 2);
        release.countDown();
        await().atMost(LONG).until(() -> consumed.size() == 10);
    }

    @Test
    void anOrderlyConsumerLocksItsQueueConsumesInOrderAndUnlocksAtShutdown() throws Exception {
        broker.append(TOPIC, 0, "TagA", 5);
        DefaultMQPushConsumer consumer = consumer(1, "*");
        consumer.setConsumeMessageBatchMaxSize(2);
        AtomicBoolean failedOnce = new AtomicBoolean();
        consumer.registerMessageListener((MessageListenerOrderly) (msgs, context) -> {
            if (msgs.get(0).getQueueOffset() == 2 && failedOnce.compareAndSet(false, true)) {
                context.setSuspendCurrentQueueTimeMillis(10);
                return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            }
            consumed.addAll(msgs);
            return ConsumeOrderlyStatus.SUCCESS;
        });

        consumer.start();

        await().atMost(LONG).until(() -> consumed.size() == 5);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), consumed.stream().map(MessageExt::getQueueOffset).toList(),
                "the suspended batch is consumed again before anything after it");
        assertTrue(broker.count(RequestCode.LOCK_BATCH_MQ) >= 1);
        consumer.shutdown();
        await().atMost(LONG).until(() -> broker.count(RequestCode.UNLOCK_BATCH_MQ) >= 1);
        await().atMost(LONG).until(() -> Long.valueOf(5).equals(broker.offset(GROUP, TOPIC, 0)));
    }

    @Test
    void anIllegalOffsetDropsTheQueueUntilTheCorrectedOffsetIsStored() throws Exception {
        broker.setOffset(GROUP, TOPIC, 0, 50);
        broker.append(TOPIC, 0, "TagA", 3);
        DefaultMQPushConsumer consumer = consumer(1, "*");

        consumer.start();

        await().atMost(LONG).until(() -> Long.valueOf(3).equals(broker.offset(GROUP, TOPIC, 0)));
        assertTrue(consumed.isEmpty(), "the queue resumes at the corrected offset, the end");
        broker.append(TOPIC, 0, "TagA", 1);
        await().atMost(LONG).until(() -> consumed.size() == 1);
        assertEquals(3L, consumed.get(0).getQueueOffset());
    }

    @Test
    void aBroadcastingConsumerKeepsItsOffsetsInALocalFileAcrossRestarts() throws Exception {
        broker.append(TOPIC, 0, "TagA", 3);
        DefaultMQPushConsumer first = consumer(1, "*");
        first.setMessageModel(MessageModel.BROADCASTING);
        String instanceName = first.getInstanceName();
        first.start();
        await().atMost(LONG).until(() -> consumed.size() == 3);
        first.shutdown();
        try (var files = Files.walk(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().equals("offsets.json")).count());
        }
        assertEquals(null, broker.offset(GROUP, TOPIC, 0), "broadcasting offsets stay on the client");

        broker.append(TOPIC, 0, "TagA", 2);
        DefaultMQPushConsumer second = consumer(1, "*");
        second.setMessageModel(MessageModel.BROADCASTING);
        second.setInstanceName(instanceName);
        second.start();
        await().atMost(LONG).until(() -> consumed.size() == 5);
        assertEquals(List.of(3L, 4L), consumed.subList(3, 5).stream().map(MessageExt::getQueueOffset).sorted().toList(),
                "the restarted consumer resumes after the three it consumed (in any order: listeners run concurrently)");
    }
}
