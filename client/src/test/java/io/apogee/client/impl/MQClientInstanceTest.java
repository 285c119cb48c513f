package io.apogee.client.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.ClientConfig;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeBroker;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.route.BrokerData;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.GetConsumerStatusBody;
import io.apogee.remoting.protocol.body.ResetOffsetBody;
import io.apogee.remoting.protocol.header.CheckTransactionStateRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerRunningInfoRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerStatusRequestHeader;
import io.apogee.remoting.protocol.header.NotifyConsumerIdsChangedRequestHeader;
import io.apogee.remoting.protocol.header.ResetOffsetRequestHeader;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client instance against a fake NameServer and brokers: route polling, cached routes, periodic duties. */
class MQClientInstanceTest {

    private static final String TOPIC = "InstanceTopic";
    private static final String GROUP = "instanceGroup";
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final int FAST_PERIOD_MILLIS = 200;

    private FakeNamesrv namesrv;
    private FakeBroker broker;
    private FakeBroker slave;
    private MQClientInstance instance;
    private final AtomicBoolean shutDown = new AtomicBoolean();

    @BeforeEach
    void start() {
        namesrv = new FakeNamesrv();
        broker = new FakeBroker("broker-a");
        slave = new FakeBroker("broker-a");
        namesrv.putRoute(TOPIC, FakeNamesrv.route(4, Map.of("broker-a",
                Map.of(BrokerData.MASTER_ID, broker.address(), 1L, slave.address()))));
        ClientConfig config = ClientConfigs.using(new ClientConfig(), namesrv.address());
        config.setPollNameServerInterval(FAST_PERIOD_MILLIS);
        config.setHeartbeatBrokerInterval(FAST_PERIOD_MILLIS);
        config.setPersistConsumerOffsetInterval(FAST_PERIOD_MILLIS);
        config.setRebalanceInterval(FAST_PERIOD_MILLIS);
        instance = new MQClientInstance(config, config.buildMQClientId(), () -> shutDown.set(true));
    }

    @AfterEach
    void stop() {
        if (!shutDown.get()) {
            instance.unregisterConsumer(GROUP);
            instance.unregisterProducer(GROUP);
            instance.shutdownIfUnused();
        }
        slave.close();
        broker.close();
        namesrv.close();
    }

    @Test
    void routesArePolledAndEachChangeReachesConsumersAndProducers() {
        RecordingConsumer consumer = new RecordingConsumer();
        RecordingProducer producer = new RecordingProducer();
        instance.registerConsumer(consumer);
        instance.registerProducer(producer);
        instance.start();

        await().atMost(LONG).until(() -> consumer.queues.size() == 4 && producer.queueCount == 4);
        assertEquals(new MessageQueue(TOPIC, "broker-a", 0), consumer.queues.iterator().next());
        namesrv.putRoute(TOPIC, FakeNamesrv.route(2, broker));
        await().atMost(LONG).until(() -> consumer.queues.size() == 2 && producer.queueCount == 2);
        int asked = namesrv.routeRequests();
        await().atMost(LONG).until(() -> namesrv.routeRequests() >= asked + 3);
        assertEquals(2, consumer.routeChanges.get(), "an unchanged route is not handed out again");
    }

    @Test
    void cachedRoutesKeepTheClientWorkingWhileTheNameServerIsDown() {
        RecordingConsumer consumer = new RecordingConsumer();
        instance.registerConsumer(consumer);
        instance.start();
        await().atMost(LONG).until(() -> instance.route(TOPIC) != null);
        assertFalse(instance.updateTopicRoute(TOPIC), "fetched at start already: unchanged");
        await().atMost(LONG).until(() -> broker.count(RequestCode.HEART_BEAT) > 0);

        namesrv.close();

        assertFalse(instance.updateTopicRoute(TOPIC));
        assertNotNull(instance.route(TOPIC));
        assertEquals(broker.address(), instance.findBrokerAddressInSubscribe("broker-a", BrokerData.MASTER_ID));
        assertEquals(slave.address(), instance.findBrokerAddressInSubscribe("broker-a", 1));
        assertEquals(broker.address(), instance.findBrokerAddrByTopic(TOPIC));
        int heartbeats = broker.count(RequestCode.HEART_BEAT);
        await().atMost(LONG).until(() -> broker.count(RequestCode.HEART_BEAT) >= heartbeats + 2);
        assertEquals(List.of(instance.clientId()), instance.findConsumerIdList(TOPIC, GROUP));
        assertEquals(4, consumer.queues.size(), "the consumer keeps its queues");
    }

    @Test
    void heartbeatsCarryEveryGroupAndSkipSlavesWhenNoConsumerRuns() {
        instance.registerProducer(new RecordingProducer());
        instance.start();
        await().atMost(LONG).until(() -> broker.count(RequestCode.HEART_BEAT) >= 2);
        assertEquals(0, slave.count(RequestCode.HEART_BEAT), "a producer-only client beats to masters only");
        HeartbeatData beat = broker.heartbeats().get(0);
        assertEquals(instance.clientId(), beat.getClientID());
        assertEquals(GROUP, beat.getProducerDataSet().iterator().next().getGroupName());

        instance.registerConsumer(new RecordingConsumer());
        await().atMost(LONG).until(() -> slave.count(RequestCode.HEART_BEAT) >= 1);
        HeartbeatData withConsumer = slave.heartbeats().get(0);
        assertEquals(GROUP, withConsumer.getConsumerDataSet().iterator().next().getGroupName());
    }

    @Test
    void offsetsArePersistedAndConsumersRebalancedPeriodically() {
        RecordingConsumer consumer = new RecordingConsumer();
        instance.registerConsumer(consumer);
        instance.start();

        await().atMost(LONG).until(() -> consumer.persists.get() >= 3 && consumer.rebalances.get() >= 3);
    }

    @Test
    void brokerRequestsReachTheConsumerOfTheirGroup() throws Exception {
        RecordingConsumer consumer = new RecordingConsumer();
        instance.registerConsumer(consumer);
        instance.start();
        await().atMost(LONG).until(() -> broker.count(RequestCode.HEART_BEAT) > 0);

        int rebalances = consumer.rebalances.get();
        NotifyConsumerIdsChangedRequestHeader notify = new NotifyConsumerIdsChangedRequestHeader();
        notify.setConsumerGroup(GROUP);
        broker.callClient(instance.clientId(), RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                notify), true);
        await().atMost(LONG).until(() -> consumer.rebalances.get() > rebalances);

        ResetOffsetRequestHeader reset = new ResetOffsetRequestHeader();
        reset.setGroup(GROUP);
        reset.setTopic(TOPIC);
        ResetOffsetBody body = new ResetOffsetBody();
        body.getOffsetTable().put(new MessageQueue(TOPIC, "broker-a", 1), 42L);
        broker.callClient(instance.clientId(), RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
                reset).body(body.encode()), true);
        await().atMost(LONG).until(() -> consumer.resets.size() == 1);
        assertEquals(Map.of(new MessageQueue(TOPIC, "broker-a", 1), 42L), consumer.resets.get(0));

        GetConsumerRunningInfoRequestHeader info = new GetConsumerRunningInfoRequestHeader();
        info.setConsumerGroup(GROUP);
        info.setClientId(instance.clientId());
        RemotingCommand answer = broker.callClient(instance.clientId(),
                RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO, info), false);
        assertEquals(ResponseCode.SUCCESS, answer.code());
        assertEquals("recorded", BodyJson.decode(answer.body(), ConsumerRunningInfo.class).getProperties()
                .get("PROP_TEST"));
        info.setConsumerGroup("unknownGroup");
        RemotingCommand unknown = broker.callClient(instance.clientId(),
                RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO, info), false);
        assertEquals(ResponseCode.SYSTEM_ERROR, unknown.code());
        assertTrue(unknown.remark().contains("unknownGroup"), unknown.remark());

        GetConsumerStatusRequestHeader status = new GetConsumerStatusRequestHeader();
        status.setTopic(TOPIC);
        status.setGroup(GROUP);
        status.setClientAddr(instance.clientId());
        RemotingCommand offsets = broker.callClient(instance.clientId(),
                RemotingCommand.request(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, status), false);
        assertEquals(ResponseCode.SUCCESS, offsets.code());
        assertEquals(Map.of(new MessageQueue(TOPIC, "broker-a", 0), 7L),
                GetConsumerStatusBody.decode(offsets.body()).getMessageQueueTable());
    }

    @Test
    void leavingUnregistersFromEveryBrokerAndTheLastClientShutsTheInstanceDown() {
        instance.registerConsumer(new RecordingConsumer());
        assertFalse(instance.registerConsumer(new RecordingConsumer()), "one consumer per group and instance");
        instance.start();
        instance.updateTopicRoute(TOPIC);

        instance.unregisterConsumer(GROUP);

        assertEquals(1, broker.count(RequestCode.UNREGISTER_CLIENT));
        assertEquals(1, slave.count(RequestCode.UNREGISTER_CLIENT));
        instance.shutdownIfUnused();
        assertTrue(shutDown.get());
        assertThrows(IllegalStateException.class, instance::start);
    }

    @Test
    void aClientWithoutGroupsSendsNoHeartbeat() {
        instance.registerAdmin();
        instance.start();
        instance.updateTopicRoute(TOPIC);
        instance.sendHeartbeatToAllBrokers();
        assertEquals(0, broker.count(RequestCode.HEART_BEAT));
        instance.unregisterAdmin();
    }

    private static final class RecordingConsumer implements MQConsumerInner {

        volatile Set<MessageQueue> queues = Set.of();
        final AtomicInteger routeChanges = new AtomicInteger();
        final AtomicInteger persists = new AtomicInteger();
        final AtomicInteger rebalances = new AtomicInteger();
        final List<Map<MessageQueue, Long>> resets = new CopyOnWriteArrayList<>();

        @Override
        public String groupName() {
            return GROUP;
        }

        @Override
        public ConsumerData consumerData() {
            ConsumerData data = new ConsumerData();
            data.setGroupName(GROUP);
            data.setMessageModel(MessageModel.CLUSTERING);
            return data;
        }

        @Override
        public Set<String> subscribedTopics() {
            return Set.of(TOPIC);
        }

        @Override
        public void updateTopicSubscribeInfo(String topic, Set<MessageQueue> fresh) {
            routeChanges.incrementAndGet();
            queues = fresh;
        }

        @Override
        public void doRebalance() {
            rebalances.incrementAndGet();
        }

        @Override
        public void persistConsumerOffset() {
            persists.incrementAndGet();
        }

        @Override
        public void resetOffset(String topic, Map<MessageQueue, Long> offsets) {
            resets.add(offsets);
        }

        @Override
        public Map<MessageQueue, Long> consumeOffsets(String topic) {
            return Map.of(new MessageQueue(topic, "broker-a", 0), 7L);
        }

        @Override
        public ConsumerRunningInfo runningInfo() {
            ConsumerRunningInfo info = new ConsumerRunningInfo();
            info.getProperties().put("PROP_TEST", "recorded");
            return info;
        }

        @Override
        public ConsumeMessageDirectlyResult consumeMessageDirectly(MessageExt msg, String brokerName) {
            return null;
        }
    }

    private static final class RecordingProducer implements MQProducerInner {

        volatile int queueCount;

        @Override
        public String groupName() {
            return GROUP;
        }

        @Override
        public Set<String> publishTopics() {
            return Set.of(TOPIC);
        }

        @Override
        public void updateTopicPublishInfo(String topic, TopicPublishInfo info) {
            queueCount = info.queues().size();
        }

        @Override
        public void checkTransactionState(String brokerAddr, MessageExt message,
                CheckTransactionStateRequestHeader header) {
        }
    }
}
