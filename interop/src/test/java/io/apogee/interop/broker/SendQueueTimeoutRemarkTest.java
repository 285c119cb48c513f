package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.BrokerController;
import io.apogee.broker.config.BrokerConfigs;
import io.apogee.interop.fixture.ApacheClients;
import io.apogee.namesrv.NamesrvController;
import io.apogee.namesrv.config.NamesrvConfigs;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.testsupport.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the official 4.9.8 producer shows when its send waited too long in our broker's send queue: with the only
 * send thread held by a slow send, its next send is answered SYSTEM_BUSY (not retried by the producer) and the
 * exception carries the {@code [TIMEOUT_CLEAN_QUEUE]} remark saying how long it waited and which key bounds it.
 */
class SendQueueTimeoutRemarkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "SendQueueTimeoutTopic";
    private static final int LIMIT_MILLIS = 100;
    private static final byte[] SLOW = "slow".getBytes(StandardCharsets.UTF_8);
    private static final Pattern WAITED = Pattern.compile("the send waited (\\d+) ms in the broker's send queue, longer"
            + " than waitTimeMillsInSendQueue \\(" + LIMIT_MILLIS + " ms\\)");

    @TempDir
    Path dir;

    @Test
    void theOfficialProducerSeesSystemBusyWithHowLongTheSendWaitedAndTheKey() throws Exception {
        NamesrvController namesrv = namesrv();
        String namesrvAddr = "127.0.0.1:" + namesrv.listenPort();
        BrokerController broker = broker(namesrvAddr);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        broker.registerRpcHook(new RpcHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                if (Arrays.equals(SLOW, request.body())) {
                    holding.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
            }
        });
        DefaultMQAdminExt admin = ApacheClients.admin(namesrvAddr);
        DefaultMQProducer producer = ApacheClients.producer(namesrvAddr, "sendQueueTimeoutGroup");
        try {
            admin.createAndUpdateTopicConfig(broker.brokerAddr(), new TopicConfig(TOPIC, 1, 1, 6));
            await().atMost(WAIT).ignoreExceptions().until(() -> !admin.examineTopicRouteInfo(TOPIC).getQueueDatas()
                    .isEmpty());
            CompletableFuture<SendResult> slow = new CompletableFuture<>();
            producer.send(new Message(TOPIC, SLOW), new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    slow.complete(result);
                }

                @Override
                public void onException(Throwable e) {
                    slow.completeExceptionally(e);
                }
            });
            try {
                assertTrue(holding.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the slow send holds the send thread");
                MQBrokerException e = assertThrows(MQBrokerException.class,
                        () -> producer.send(new Message(TOPIC, "queued".getBytes(StandardCharsets.UTF_8))));
                assertEquals(ResponseCode.SYSTEM_BUSY, e.getResponseCode(), e.getErrorMessage());
                String remark = e.getErrorMessage();
                assertTrue(remark.startsWith("[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while,"
                        + " period in queue: "), remark);
                Matcher waited = WAITED.matcher(remark);
                assertTrue(waited.find(), remark);
                assertTrue(Long.parseLong(waited.group(1)) >= LIMIT_MILLIS, remark);
            } finally {
                release.countDown();
            }
            assertEquals(SendStatus.SEND_OK, slow.get(WAIT.toSeconds(), TimeUnit.SECONDS).getSendStatus());
        } finally {
            producer.shutdown();
            admin.shutdown();
            broker.shutdown();
            namesrv.shutdown();
        }
    }

    private NamesrvController namesrv() throws Exception {
        Properties p = new Properties();
        p.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        p.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("listenPort", String.valueOf(FreePorts.any()));
        NamesrvController namesrv = new NamesrvController(NamesrvConfigs.bind(p));
        namesrv.start();
        return namesrv;
    }

    /** A broker of one send thread whose sends may wait {@value #LIMIT_MILLIS} ms in its queue. */
    private BrokerController broker(String namesrvAddr) throws Exception {
        int port = FreePorts.forBroker();
        Properties p = new Properties();
        p.setProperty("brokerName", "broker-busy");
        p.setProperty("brokerClusterName", "BusyCluster");
        p.setProperty("namesrvAddr", namesrvAddr);
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("brokerIP1", "127.0.0.1");
        p.setProperty("listenPort", String.valueOf(port));
        p.setProperty("haListenPort", String.valueOf(port + 1));
        p.setProperty("storePathRootDir", dir.resolve("store").toString());
        p.setProperty("mappedFileSizeCommitLog", String.valueOf(8 * 1024 * 1024));
        p.setProperty("sendMessageThreadPoolNums", "1");
        p.setProperty("waitTimeMillsInSendQueue", String.valueOf(LIMIT_MILLIS));
        BrokerController broker = new BrokerController(BrokerConfigs.bind(p));
        broker.start();
        return broker;
    }
}
