package io.apogee.interop5;

import static org.awaitility.Awaitility.await;

import io.apogee.testsupport.TempDirs;
import io.apogee.testsupport.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One NameServer and broker of ours (SQL92 filtering and the trace topic on, transaction check-backs every second)
 * shared by every test class of the run and closed when it ends, and the official RocketMQ 5.3.3 clients set up for
 * tests: each its own client instance, logs and offsets under a temp dir, route polling and heartbeats every second,
 * rebalance and orderly re-lock after 1 s. The client's system properties are JVM-wide and read once, so they are set before any
 * client is made.
 */
final class SharedCluster implements BeforeAllCallback {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String BROKER = "broker-a";
    private static final String LOG_ROOT = "rocketmq.client.logRoot";
    private static final int FAST_MILLIS = 1000;
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** The clients' log and offset directory, deleted with the cluster. */
    private static final Path CLIENT_DIR = TempDirs.create("rocketmq5-clients-");
    private static volatile Running running;

    static {
        System.setProperty(LOG_ROOT, CLIENT_DIR.toString());
        System.setProperty("rocketmq.client.localOffsetStoreDir", CLIENT_DIR.resolve("offsets").toString());
        System.setProperty("rocketmq.client.logLevel", "WARN");
        System.setProperty("rocketmq.client.rebalance.waitInterval", String.valueOf(FAST_MILLIS));
        System.setProperty("rocketmq.client.rebalance.lockInterval", String.valueOf(FAST_MILLIS));
        System.setProperty("rocketmq.client.unlockDelayTimeMills", String.valueOf(FAST_MILLIS));
    }

    /** The cluster and one started admin client, closed when the run ends. */
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final TestCluster cluster = TestCluster.builder().brokers(BROKER)
                .brokerProperty("enablePropertyFilter", "true")
                .brokerProperty("traceTopicEnable", "true")
                .brokerProperty("transactionCheckInterval", "1000")
                .brokerProperty("transactionTimeOut", "1000").start();
        final DefaultMQAdminExt admin;

        Running() {
            try {
                admin = new DefaultMQAdminExt(10_000);
                tune(admin, cluster.namesrvAddr());
                admin.start();
            } catch (MQClientException e) {
                cluster.close();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            admin.shutdown();
            cluster.close();
            TempDirs.delete(CLIENT_DIR);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(ExtensionContext.Namespace.create(SharedCluster.class))
                .getOrComputeIfAbsent(Running.class, k -> new Running(), Running.class);
    }

    static TestCluster cluster() {
        return running.cluster;
    }

    static DefaultMQAdminExt admin() {
        return running.admin;
    }

    /** A name unique in this run. */
    static String unique(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet() + "_" + (System.nanoTime() % 100_000);
    }

    /** Creates a topic with {@code queues} read and write queues through the 5.3.3 admin and waits for its route. */
    static String newTopic(String prefix, int queues) throws Exception {
        String topic = unique(prefix);
        admin().createAndUpdateTopicConfig(cluster().brokerAddr(BROKER), new TopicConfig(topic, queues, queues, 6));
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> !admin().examineTopicRouteInfo(topic).getQueueDatas().isEmpty());
        return topic;
    }

    /** A started producer of {@code group}, 10 s send timeout. */
    static DefaultMQProducer producer(String group) throws MQClientException {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        tune(producer);
        producer.setSendMsgTimeout(10_000);
        producer.start();
        return producer;
    }

    /** A push consumer of {@code group} (not started, two consume threads) reading from the first offset. */
    static DefaultMQPushConsumer pushConsumer(String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        tune(consumer);
        consumer.setConsumeThreadMin(2);
        consumer.setConsumeThreadMax(2);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        return consumer;
    }

    /** A lite pull consumer of {@code group} (not started) reading from the first offset. */
    static DefaultLitePullConsumer litePullConsumer(String group) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        tune(consumer);
        consumer.setPullThreadNums(2);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        return consumer;
    }

    /**
     * Points {@code client} at the cluster: its own instance, route polling and heartbeats every second, offsets
     * committed every half second.
     */
    static <T extends ClientConfig> T tune(T client) {
        return tune(client, running.cluster.namesrvAddr());
    }

    private static <T extends ClientConfig> T tune(T client, String namesrv) {
        client.setNamesrvAddr(namesrv);
        client.setInstanceName(UUID.randomUUID().toString());
        client.setPollNameServerInterval(FAST_MILLIS);
        client.setHeartbeatBrokerInterval(FAST_MILLIS);
        client.setPersistConsumerOffsetInterval(FAST_MILLIS / 2);
        return client;
    }
}
