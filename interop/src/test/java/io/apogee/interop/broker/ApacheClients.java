package io.apogee.interop.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * The official Apache RocketMQ 4.9.8 clients, set up for tests: logs and local offsets under a temp dir, a fresh
 * client instance each (so tests never share routes or offsets), fast route polling.
 */
final class ApacheClients {

    static {
        try {
            Path root = Files.createTempDirectory("apache-client-logs-");
            System.setProperty("rocketmq.client.logRoot", root.toString());
            System.setProperty("rocketmq.client.localOffsetStoreDir", root.resolve("offsets").toString());
            System.setProperty("rocketmq.client.logLevel", "WARN");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ApacheClients() {
    }

    static DefaultMQProducer producer(String namesrv, String group) throws MQClientException {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setPollNameServerInterval(1000);
        producer.setSendMsgTimeout(10_000);
        producer.start();
        return producer;
    }

    static DefaultMQPushConsumer pushConsumer(String namesrv, String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setPollNameServerInterval(1000);
        consumer.setConsumeThreadMin(2);
        consumer.setConsumeThreadMax(2);
        return consumer;
    }

    static DefaultLitePullConsumer litePullConsumer(String namesrv, String group) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setPollNameServerInterval(1000);
        consumer.setPullThreadNums(2);
        return consumer;
    }

    static DefaultMQAdminExt admin(String namesrv) throws MQClientException {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(10_000);
        admin.setNamesrvAddr(namesrv);
        admin.setInstanceName(UUID.randomUUID().toString());
        admin.start();
        return admin;
    }
}
