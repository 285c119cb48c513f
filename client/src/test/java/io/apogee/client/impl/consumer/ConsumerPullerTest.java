package io.apogee.client.impl.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.apogee.client.ClientConfig;
import io.apogee.client.consumer.store.LocalFileOffsetStore;
import io.apogee.client.consumer.store.RemoteBrokerOffsetStore;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQClientManager;
import io.apogee.client.impl.api.PullApi;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeBroker;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.route.BrokerData;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The shared puller against a fake broker on loopback: headers, filtering, start offsets, back-off, holds. */
class ConsumerPullerTest {

    private static final String GROUP = "pullerGroup";
    private static final String TOPIC = "PullerTopic";
    private static final Duration LONG = Duration.ofSeconds(20);
    /** Each kind's pullTimeDelayMillsWhenException here: far apart, and far from push's 20 ms broker flow control. */
    private static final long PUSH_DELAY_AFTER_EXCEPTION = 3_000;
    private static final long LITE_DELAY_AFTER_EXCEPTION = ClientConfig.DEFAULT_PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION;

    @TempDir
    Path dir;
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
    private FakeNamesrv namesrv;
    private FakeBroker broker;
    private MQClientInstance instance;
    private MessageQueue mq;

    @BeforeEach
    void startServers() throws Exception {
        namesrv = closing(new FakeNamesrv());
        broker = closing(new FakeBroker("broker-a"));
        namesrv.putRoute(TOPIC, FakeNamesrv.route(1, broker));
        instance = MQClientManager.getOrCreate(ClientConfigs.using(new ClientConfig(), namesrv.address()));
        instance.start();
        instance.updateTopicRoute(TOPIC);
        mq = new MessageQueue(TOPIC, broker.name(), 0);
    }

    @AfterEach
    void stopEverything() throws Exception {
        instance.shutdownIfUnused();
        for (int i = closeAtEnd.size() - 1; i >= 0; i--) {
            closeAtEnd.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeAtEnd.add(closeable);
        return closeable;
    }

    private ConsumerPuller puller(ConsumerKind kind, MessageModel model) {
        ConsumerPuller puller = new ConsumerPuller(kind, new ConsumerPuller.Settings(GROUP, model,
                ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET, "20200101000000", 32, 0, 2, dir.toString(),
                kind == ConsumerKind.PUSH ? PullTiming.push(PUSH_DELAY_AFTER_EXCEPTION)
                        : PullTiming.litePull(LITE_DELAY_AFTER_EXCEPTION), false),
                instance, null);
        closeAtEnd.add(puller::shutdown);
        return puller;
    }

    @Test
    void pushPullsHoldFifteenSecondsCommitTheirOffsetAndDeliverOnlyMatchingTags() {
        ConsumerPuller puller = puller(ConsumerKind.PUSH, MessageModel.CLUSTERING);
        puller.subscribe(TOPIC, "TagA || TagC");
        puller.offsetStore().updateOffset(mq, 3, false);
        broker.append(TOPIC, 0, "TagA", 2);
        broker.append(TOPIC, 0, "TagB", 1);
        broker.append(TOPIC, 0, "TagC", 1);
        RecordingRequest request = new RecordingRequest(mq, 0);

        puller.pullNow(request);

        await().atMost(LONG).until(() -> request.messages.size() == 3);
        assertEquals(List.of(0L, 1L, 3L), request.messages.stream().map(MessageExt::getQueueOffset).toList());
        for (MessageExt m : request.messages) {
            assertEquals("0", m.getProperty(MessageProperty.MIN_OFFSET));
            assertEquals("4", m.getProperty(MessageProperty.MAX_OFFSET));
        }
        PullMessageRequestHeader first = broker.pulls().get(0);
        assertEquals(GROUP, first.getConsumerGroup());
        assertEquals(0L, first.getQueueOffset());
        assertEquals(32, first.getMaxMsgNums());
        assertEquals(PullTiming.PUSH_BROKER_SUSPEND_MAX_TIME_MILLIS, first.getSuspendTimeoutMillis());
        assertEquals(PullApi.FLAG_SUSPEND | PullApi.FLAG_SUBSCRIPTION | PullApi.FLAG_COMMIT_OFFSET,
                first.getSysFlag());
        assertEquals(3L, first.getCommitOffset());
        assertEquals("TagA || TagC", first.getSubscription());
        assertTrue(first.getSubVersion() > 0, "push sends its subscription's version");
        await().atMost(LONG).until(() -> broker.pulls().size() >= 2);
        assertEquals(4L, broker.pulls().get(1).getQueueOffset(), "the next pull starts past the filtered batch");
        assertEquals(4L, request.nextOffset());
    }

    @Test
    void sqlSubscriptionsReachTheBrokerWithTheirTypeAndAreNotFilteredAgainByTag() {
        ConsumerPuller puller = puller(ConsumerKind.PUSH, MessageModel.CLUSTERING);
        puller.subscribe(SubscriptionData.of(TOPIC, SubscriptionData.EXPRESSION_TYPE_SQL92, "a > 1"));
        broker.append(TOPIC, 0, "TagA", 1);
        broker.append(TOPIC, 0, "TagB", 1);
        RecordingRequest request = new RecordingRequest(mq, 0);

        puller.pullNow(request);

        await().atMost(LONG).until(() -> request.messages.size() == 2);
        PullMessageRequestHeader first = broker.pulls().get(0);
        assertEquals("a > 1", first.getSubscription());
        assertEquals("SQL92", first.getExpressionType());
        SubscriptionData heartbeat = puller.consumerData().getSubscriptionDataSet().iterator().next();
        assertEquals("SQL92", heartbeat.getExpressionType());
        assertEquals("a > 1", heartbeat.getSubString());
        assertTrue(heartbeat.getTagsSet().isEmpty() && heartbeat.getCodeSet().isEmpty());
    }

    @Test
    void litePullsStartAtTheStoredOffsetHoldTwentySecondsAndCommitNothing() {
        ConsumerPuller puller = puller(ConsumerKind.LITE_PULL, MessageModel.CLUSTERING);
        puller.subscribe(TOPIC, "*");
        broker.setOffset(GROUP, TOPIC, 0, 2);
        broker.append(TOPIC, 0, "TagA", 5);
        RecordingRequest request = new RecordingRequest(mq, -1);

        puller.pullNow(request);

        await().atMost(LONG).until(() -> request.messages.size() == 3);
        assertEquals(List.of(2L, 3L, 4L), request.messages.stream().map(MessageExt::getQueueOffset).toList());
        PullMessageRequestHeader first = broker.pulls().get(0);
        assertEquals(2L, first.getQueueOffset());
        assertEquals(PullTiming.LITE_BROKER_SUSPEND_MAX_TIME_MILLIS, first.getSuspendTimeoutMillis());
        assertEquals(PullApi.FLAG_SUSPEND | PullApi.FLAG_SUBSCRIPTION, first.getSysFlag());
        assertEquals(0L, first.getCommitOffset());
        assertEquals(0L, first.getSubVersion());
    }

    @Test
    void aBatchFilteredAwayAndAnIllegalOffsetReachTheRequest() {
        ConsumerPuller puller = puller(ConsumerKind.LITE_PULL, MessageModel.CLUSTERING);
        puller.subscribe(TOPIC, "TagA");
        broker.append(TOPIC, 0, "TagB", 2);
        RecordingRequest filtered = new RecordingRequest(mq, 0);
        RecordingRequest beyondTheEnd = new RecordingRequest(mq, 7);

        puller.pullNow(filtered);
        puller.pullNow(beyondTheEnd);

        await().atMost(LONG).until(() -> filtered.nothingToConsume.contains(2L));
        assertTrue(filtered.messages.isEmpty(), "TagB does not match TagA");
        assertEquals(2L, filtered.nextOffset());
        await().atMost(LONG).until(() -> beyondTheEnd.illegalCorrections.equals(List.of(2L)));
        await().atMost(LONG).until(() -> broker.pulls().stream().filter(p -> p.getQueueOffset() == 2).count() == 2);
    }

    @Test
    void afterABrokerErrorEachKindWaitsItsExceptionDelayAndPushRetriesBrokerFlowControlBriefly() {
        broker.failPullsWith(ResponseCode.SYSTEM_ERROR);
        ConsumerPuller push = puller(ConsumerKind.PUSH, MessageModel.CLUSTERING);
        push.subscribe(TOPIC, "*");
        push.pullNow(new RecordingRequest(mq, 0));
        await().atMost(LONG).until(() -> broker.pulls().size() >= 2);
        push.shutdown();
        assertTrue(broker.millisBetweenPulls(0) >= PUSH_DELAY_AFTER_EXCEPTION - 100,
                "push retried after " + broker.millisBetweenPulls(0) + " ms");

        int litePulls = broker.pulls().size();
        ConsumerPuller lite = puller(ConsumerKind.LITE_PULL, MessageModel.CLUSTERING);
        lite.subscribe(TOPIC, "*");
        lite.pullNow(new RecordingRequest(mq, 0));
        await().atMost(LONG).until(() -> broker.pulls().size() >= litePulls + 2);
        lite.shutdown();
        long liteGap = broker.millisBetweenPulls(litePulls);
        assertTrue(liteGap >= LITE_DELAY_AFTER_EXCEPTION - 100, "lite retried after " + liteGap);

        broker.failPullsWith(ResponseCode.FLOW_CONTROL);
        int flowControlled = broker.pulls().size();
        ConsumerPuller again = puller(ConsumerKind.PUSH, MessageModel.CLUSTERING);
        again.subscribe(TOPIC, "*");
        again.pullNow(new RecordingRequest(mq, 0));
        await().atMost(LONG).until(() -> broker.pulls().size() >= flowControlled + 2);
        long gap = broker.millisBetweenPulls(flowControlled);
        assertTrue(gap < PUSH_DELAY_AFTER_EXCEPTION - 500,
                "broker flow control is retried after 20 ms, not the error delay: " + gap + " ms");
    }

    @Test
    void aGroupTheBrokerDoesNotHaveIsWarnedOnceNamingTheGroupAndTheFix() {
        Logger logger = (Logger) LoggerFactory.getLogger(MissingGroupWarning.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            broker.failPullsWith(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
            ConsumerPuller lite = puller(ConsumerKind.LITE_PULL, MessageModel.CLUSTERING);
            lite.subscribe(TOPIC, "*");
            lite.pullNow(new RecordingRequest(mq, 0));
            await().atMost(LONG).until(() -> broker.pulls().size() >= 3);
            lite.shutdown();
        } finally {
            logger.detachAppender(appender);
        }
        List<ILoggingEvent> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertEquals(1, warnings.size(), "once per group and broker, not per pull: " + appender.list);
        String line = warnings.get(0).getFormattedMessage();
        assertTrue(line.contains("consumer group " + GROUP + " does not exist on broker " + broker.address()), line);
        assertTrue(line.contains("autoCreateSubscriptionGroup=false"), line);
        assertTrue(line.contains("mqadmin updateSubGroup -n '" + namesrv.address() + "' -b " + broker.address()
                + " -g " + GROUP), line);
    }

    @Test
    void aHeldRequestIsNotPulledUntilItsHoldClears() {
        ConsumerPuller puller = puller(ConsumerKind.PUSH, MessageModel.CLUSTERING);
        puller.subscribe(TOPIC, "*");
        broker.append(TOPIC, 0, "TagA", 1);
        RecordingRequest request = new RecordingRequest(mq, 0);
        request.hold = PullRequest.Hold.PAUSED;

        puller.pullNow(request);

        await().during(Duration.ofMillis(2_500)).atMost(LONG).until(() -> broker.pulls().isEmpty());
        request.hold = PullRequest.Hold.NONE;
        await().atMost(LONG).until(() -> request.messages.size() == 1);
    }

    @Test
    void aDroppedRequestIsNotPulledAgain() {
        ConsumerPuller puller = puller(ConsumerKind.PUSH, MessageModel.CLUSTERING);
        puller.subscribe(TOPIC, "*");
        broker.append(TOPIC, 0, "TagA", 1);
        RecordingRequest request = new RecordingRequest(mq, 0);
        puller.pullNow(request);
        await().atMost(LONG).until(() -> broker.pulls().size() >= 2);
        request.processQueue().setDropped(true);
        broker.append(TOPIC, 0, "TagA", 1);

        await().during(Duration.ofSeconds(2)).atMost(LONG).until(() -> broker.pulls().size() == 2);
        assertEquals(1, request.messages.size(), "the held pull's answer went to a dropped queue");
    }

    @Test
    void pullsGoWhereTheBrokerSuggests() throws Exception {
        FakeBroker slave = closing(new FakeBroker("broker-a"));
        namesrv.putRoute(TOPIC, FakeNamesrv.route(1, Map.of("broker-a",
                Map.of(BrokerData.MASTER_ID, broker.address(), 1L, slave.address()))));
        instance.updateTopicRoute(TOPIC);
        broker.suggestBrokerId(1);
        broker.append(TOPIC, 0, "TagA", 1);
        slave.append(TOPIC, 0, "TagA", 1);
        ConsumerPuller puller = puller(ConsumerKind.PUSH, MessageModel.CLUSTERING);
        puller.subscribe(TOPIC, "*");

        puller.pullNow(new RecordingRequest(mq, 0));

        await().atMost(LONG).until(() -> !slave.pulls().isEmpty());
        assertEquals(1L, slave.pulls().get(0).getQueueOffset());
        assertEquals(1, broker.pulls().size());
    }

    @Test
    void theOffsetStoreFollowsTheModelUnlessTheApplicationGivesOne() {
        assertInstanceOf(RemoteBrokerOffsetStore.class,
                puller(ConsumerKind.PUSH, MessageModel.CLUSTERING).offsetStore());
        assertInstanceOf(LocalFileOffsetStore.class,
                puller(ConsumerKind.PUSH, MessageModel.BROADCASTING).offsetStore());
        LocalFileOffsetStore custom = new LocalFileOffsetStore(dir, "custom", GROUP);
        ConsumerPuller withCustom = new ConsumerPuller(ConsumerKind.PUSH, new ConsumerPuller.Settings(GROUP,
                MessageModel.CLUSTERING, ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET, "20200101000000", 32, 0, 1,
                dir.toString(), PullTiming.push(PUSH_DELAY_AFTER_EXCEPTION), false), instance, custom);
        closeAtEnd.add(withCustom::shutdown);
        assertSame(custom, withCustom.offsetStore());
    }

    @Test
    void theHeartbeatEntryNamesTheKindModelAndSubscriptions() {
        ConsumerPuller push = puller(ConsumerKind.PUSH, MessageModel.BROADCASTING);
        push.subscribe(TOPIC, "TagA");
        push.subscribeAllIfAbsent(TOPIC);
        push.subscribeAllIfAbsent("Other");
        assertEquals(ConsumeType.CONSUME_PASSIVELY, push.consumerData().getConsumeType());
        assertEquals(MessageModel.BROADCASTING, push.consumerData().getMessageModel());
        assertEquals(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET, push.consumerData().getConsumeFromWhere());
        assertEquals(List.of("Other:*", "PullerTopic:TagA"), push.consumerData().getSubscriptionDataSet().stream()
                .map(s -> s.getTopic() + ":" + s.getSubString()).sorted().toList());
        assertEquals(ConsumeType.CONSUME_ACTIVELY,
                puller(ConsumerKind.LITE_PULL, MessageModel.CLUSTERING).consumerData().getConsumeType());
        assertEquals(SubscriptionData.SUB_ALL, push.subscriptions().stream()
                .filter(s -> s.getTopic().equals("Other")).findFirst().orElseThrow().getSubString());
    }

    /** Records what the puller hands over; its hold is set by the test. */
    private static final class RecordingRequest extends PullRequest {

        final List<MessageExt> messages = new CopyOnWriteArrayList<>();
        final List<Long> nothingToConsume = new CopyOnWriteArrayList<>();
        final List<Long> illegalCorrections = new CopyOnWriteArrayList<>();
        volatile Hold hold = Hold.NONE;

        RecordingRequest(MessageQueue mq, long nextOffset) {
            super(mq, new ProcessQueue(), nextOffset);
        }

        @Override
        protected Hold hold() {
            return hold;
        }

        @Override
        protected void onMessages(List<MessageExt> pulled) {
            messages.addAll(pulled);
        }

        @Override
        protected void onNothingToConsume(long nextBeginOffset) {
            nothingToConsume.add(nextBeginOffset);
        }

        @Override
        protected void onOffsetIllegal(long nextBeginOffset) {
            illegalCorrections.add(nextBeginOffset);
            nextOffset(nextBeginOffset);
        }
    }
}
