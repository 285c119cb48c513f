package io.apogee.broker;

import io.apogee.broker.config.BrokerConfigs;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.CreateTopicRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A broker on a temp store and an ephemeral port, with no name server, plus a raw remoting client to drive it. The
 * shared cluster fixture ({@code test-support}'s {@code TestCluster}) depends on this module, so broker tests keep
 * this small helper instead.
 */
final class BrokerFixture implements AutoCloseable {

    final BrokerController broker;
    final NettyRemotingClient client;
    final String addr;

    BrokerFixture(Path dir, Properties extra) throws Exception {
        Properties p = new Properties();
        p.setProperty("brokerName", "broker-test");
        p.setProperty("brokerClusterName", "TestCluster");
        p.setProperty("namesrvAddr", "");
        p.setProperty("brokerIP1", "127.0.0.1");
        p.setProperty("listenPort", "0");
        p.setProperty("storePathRootDir", dir.toString());
        p.setProperty("mappedFileSizeCommitLog", String.valueOf(1024 * 1024));
        p.setProperty("mappedFileSizeConsumeQueue", String.valueOf(1000 * 20));
        p.setProperty("maxMessageSize", String.valueOf(64 * 1024));
        p.setProperty("maxHashSlotNum", "1000");
        p.setProperty("maxIndexNum", "4000");
        p.putAll(extra);
        broker = new BrokerController(BrokerConfigs.bind(p));
        broker.start();
        addr = broker.brokerAddr();
        client = new NettyRemotingClient(new NettyClientConfig(), null);
        client.start();
    }

    RemotingCommand invoke(RemotingCommand request) throws Exception {
        return client.invokeSync(addr, request, 15_000);
    }

    RemotingCommand createTopic(String topic, int queues) throws Exception {
        CreateTopicRequestHeader h = new CreateTopicRequestHeader();
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setReadQueueNums(queues);
        h.setWriteQueueNums(queues);
        h.setPerm(6);
        h.setTopicFilterType("SINGLE_TAG");
        h.setOrder(false);
        return invoke(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, h));
    }

    static RemotingCommand send(String topic, int queueId, String body, String properties) {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("pg");
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(queueId);
        h.setSysFlag(0);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties(properties);
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.fromV1(h))
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    static RemotingCommand pull(String topic, int queueId, long offset, int sysFlag, String subscription,
            long suspendMillis) {
        PullMessageRequestHeader h = new PullMessageRequestHeader();
        h.setConsumerGroup("cg");
        h.setTopic(topic);
        h.setQueueId(queueId);
        h.setQueueOffset(offset);
        h.setMaxMsgNums(32);
        h.setSysFlag(sysFlag);
        h.setCommitOffset(0L);
        h.setSuspendTimeoutMillis(suspendMillis);
        h.setSubscription(subscription);
        h.setSubVersion(0L);
        return RemotingCommand.request(RequestCode.PULL_MESSAGE, h);
    }

    @Override
    public void close() {
        client.shutdown();
        broker.shutdown();
    }
}
