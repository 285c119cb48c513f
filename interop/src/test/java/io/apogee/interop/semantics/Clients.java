package io.apogee.interop.semantics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Official Apache 4.9.8 clients for the semantics tests: each its own client instance, logs under a temp dir, route
 * polling and heartbeats every second (so a restarted broker learns of its producers quickly), and rebalance, orderly
 * re-lock and the delayed unlock of a busy dropped queue after 1 s instead of 20 s (so a group's retry topic, created
 * by its first heartbeat, and a queue released by another member are picked up at once; these are JVM-wide and only
 * take effect if no client class was loaded before).
 */
final class Clients {

    private static final int FAST_MILLIS = 1000;

    static {
        try {
            Path root = Files.createTempDirectory("semantics-client-");
            System.setProperty("rocketmq.client.logRoot", root.toString());
            System.setProperty("rocketmq.client.localOffsetStoreDir", root.resolve("offsets").toString());
            System.setProperty("rocketmq.client.logLevel", "WARN");
            System.setProperty("rocketmq.client.rebalance.waitInterval", String.valueOf(FAST_MILLIS));
            System.setProperty("rocketmq.client.rebalance.lockInterval", String.valueOf(FAST_MILLIS));
            System.setProperty("rocketmq.client.unlockDelayTimeMills", String.valueOf(FAST_MILLIS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Clients() {
    }

    static DefaultMQProducer producer(String namesrv, String group) throws MQClientException {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        tune(producer, namesrv);
        producer.start();
        return producer;
    }

    static TransactionMQProducer transactionProducer(String namesrv, String group, TransactionListener listener)
            throws MQClientException {
        TransactionMQProducer producer = new TransactionMQProducer(group);
        tune(producer, namesrv);
        producer.setTransactionListener(listener);
        producer.start();
        return producer;
    }

    /** A push consumer (not started) reading from the first offset. */
    static DefaultMQPushConsumer consumer(String namesrv, String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setPollNameServerInterval(FAST_MILLIS);
        consumer.setHeartbeatBrokerInterval(FAST_MILLIS);
        consumer.setConsumeThreadMin(2);
        consumer.setConsumeThreadMax(2);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        return consumer;
    }

    static DefaultMQAdminExt admin(String namesrv) throws MQClientException {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(10_000);
        admin.setNamesrvAddr(namesrv);
        admin.setInstanceName(UUID.randomUUID().toString());
        admin.start();
        return admin;
    }

    private static void tune(DefaultMQProducer producer, String namesrv) {
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setPollNameServerInterval(FAST_MILLIS);
        producer.setHeartbeatBrokerInterval(FAST_MILLIS);
        producer.setSendMsgTimeout(10_000);
    }
}
