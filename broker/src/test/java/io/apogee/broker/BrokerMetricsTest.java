package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.OffsetMessageId;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a broker with {@code metricsExporterType=PROM}, scraped with the JDK's HTTP client after
 * sends, pulls, a retry and a dead letter: RocketMQ 5's names and labels, counts equal to what was done, lag equal to
 * max offset - committed offset.
 */
class BrokerMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SUBSCRIPTION_FLAG = 0x4;
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Map<String, String> NODE = Map.of("cluster", "TestCluster", "node_type", "broker",
            "node_id", "broker-test");

    @TempDir
    Path dir;

    /** One sample line of the text format. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A broker serving metrics on a free loopback port, with delay levels of seconds. */
    static Properties prom() {
        Properties p = new Properties();
        p.setProperty("metricsExporterType", "PROM");
        p.setProperty("metricsPromExporterHost", "127.0.0.1");
        p.setProperty("metricsPromExporterPort", "0");
        p.setProperty("messageDelayLevel", "1s 2s 3s");
        return p;
    }

    @Test
    void sendsPullsARetryAndADeadLetterShowInTheScrapeWithRocketMqNamesAndLabels() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, prom())) {
            f.createTopic("T", 2);
            List<RemotingCommand> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RemotingCommand r = f.invoke(BrokerFixture.send("T", i < 5 ? 0 : 1, "body-" + i, "TAGS\u0001A"));
                assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
                sent.add(r);
            }
            f.createTopic("D", 1);
            assertEquals(ResponseCode.SUCCESS, f.invoke(BrokerFixture.send("D", 0, "later", "DELAY\u00011")).code());

            RemotingCommand pulled = f.invoke(BrokerFixture.pull("T", 0, 0, SUBSCRIPTION_FLAG, "*", 0));
            assertEquals(ResponseCode.SUCCESS, pulled.code(), pulled.remark());
            assertEquals("5", pulled.extFields().get("nextBeginOffset"));
            assertEquals(ResponseCode.SUCCESS, f.invoke(commit("T", 0, 3)).code());
            assertEquals(ResponseCode.SUCCESS, f.invoke(commit("T", 1, 1)).code());

            RemotingCommand retry = f.invoke(sendBack(offsetOf(sent.get(0)), 0));
            assertEquals(ResponseCode.SUCCESS, retry.code(), retry.remark());
            RemotingCommand dead = f.invoke(sendBack(offsetOf(sent.get(1)), -1));
            assertEquals(ResponseCode.SUCCESS, dead.code(), dead.remark());

            String url = f.broker.metricsUrl();
            assertTrue(url.startsWith("http://127.0.0.1:") && url.endsWith("/metrics"), url);
            List<Sample> scrape = scrape(url);

            assertEquals(8, value(scrape, "rocketmq_messages_in_total", "topic", "T", "message_type", "normal"));
            assertEquals(1, value(scrape, "rocketmq_messages_in_total", "topic", "D", "message_type", "delay"));
            assertTrue(value(scrape, "rocketmq_throughput_in_total", "topic", "T", "message_type", "normal") > 8 * 6);
            assertEquals(8, value(scrape, "rocketmq_message_size_count", "topic", "T", "message_type", "normal"));
            assertEquals(8, value(scrape, "rocketmq_message_size_bucket", "topic", "T", "message_type", "normal",
                    "le", "1024.0"));
            assertEquals(5, value(scrape, "rocketmq_messages_out_total", "topic", "T", "consumer_group", "cg"));
            assertTrue(value(scrape, "rocketmq_throughput_out_total", "topic", "T", "consumer_group", "cg") > 5 * 6);
            assertEquals(1, value(scrape, "rocketmq_send_to_dlq_messages_total", "topic", "T", "consumer_group",
                    "cg"));

            // queue 0: max 5, committed 3, pulled up to 5; queue 1: max 3, committed 1, not pulled
            long max0 = f.broker.store().getMaxOffsetInQueue("T", 0);
            long max1 = f.broker.store().getMaxOffsetInQueue("T", 1);
            long lag = max0 - f.broker.offsets().queryOffset("cg", "T", 0) + max1
                    - f.broker.offsets().queryOffset("cg", "T", 1);
            assertEquals(4, lag);
            assertEquals(lag, value(scrape, "rocketmq_consumer_lag_messages", "topic", "T", "consumer_group", "cg"));
            assertEquals(2, value(scrape, "rocketmq_consumer_inflight_messages", "topic", "T", "consumer_group",
                    "cg"));
            assertEquals(2, value(scrape, "rocketmq_consumer_ready_messages", "topic", "T", "consumer_group", "cg"));
            assertTrue(value(scrape, "rocketmq_consumer_lag_latency", "topic", "T", "consumer_group", "cg") >= 0);

            assertEquals(9, value(scrape, "rocketmq_rpc_latency_count", "protocol_type", "remoting", "request_code",
                    "send_message_v2", "response_code", "success"));
            assertEquals(2, value(scrape, "rocketmq_rpc_latency_count", "request_code", "consumer_send_msg_back",
                    "response_code", "success"));
            assertEquals(1, value(scrape, "rocketmq_rpc_latency_count", "request_code", "pull_message",
                    "response_code", "success"));
            assertTrue(value(scrape, "rocketmq_topic_number") >= 2);
            assertEquals(0, value(scrape, "rocketmq_processor_watermark", "processor", "send"));
            assertTrue(value(scrape, "rocketmq_storage_size", "storage_type", "local") > 0);
            assertTrue(value(scrape, "rocketmq_storage_flush_behind_bytes") >= 0);
            assertTrue(value(scrape, "rocketmq_storage_dispatch_behind_bytes") >= 0);
            assertTrue(value(scrape, "jvm_memory_used_bytes", "area", "heap") > 0);
            for (Sample s : scrape) {
                if (s.name().startsWith("rocketmq_")) {
                    assertTrue(s.labels().entrySet().containsAll(NODE.entrySet()), s.toString());
                }
            }

            // the retry reaches %RETRY%cg after its delay; pulling it counts under the retry topic
            String retryTopic = "%RETRY%cg";
            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue(retryTopic, 0) == 1);
            assertEquals(ResponseCode.SUCCESS,
                    f.invoke(BrokerFixture.pull(retryTopic, 0, 0, SUBSCRIPTION_FLAG, "*", 0)).code());
            assertEquals(1, value(scrape(url), "rocketmq_messages_out_total", "topic", retryTopic, "consumer_group",
                    "cg"));
        }
    }

    @Test
    void aBrokerWithoutMetricsServesNone() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertNull(f.broker.metricsUrl());
            assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());
        }
    }

    private static long offsetOf(RemotingCommand sent) {
        return OffsetMessageId.decode(sent.extFields().get("msgId")).commitLogOffset();
    }

    private static RemotingCommand commit(String topic, int queueId, long offset) {
        UpdateConsumerOffsetRequestHeader h = new UpdateConsumerOffsetRequestHeader();
        h.setConsumerGroup("cg");
        h.setTopic(topic);
        h.setQueueId(queueId);
        h.setCommitOffset(offset);
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, h);
    }

    private static RemotingCommand sendBack(long offset, int level) {
        ConsumerSendMsgBackRequestHeader h = new ConsumerSendMsgBackRequestHeader();
        h.setOffset(offset);
        h.setGroup("cg");
        h.setDelayLevel(level);
        h.setMaxReconsumeTimes(16);
        return RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK, h);
    }

    static List<Sample> scrape(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(2) == null ? "" : m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return samples;
    }

    /** The value of the one sample of {@code name} carrying the given label pairs (others may differ). */
    static double value(List<Sample> samples, String name, String... labelPairs) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Sample> matching = samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(wanted.entrySet())).toList();
        assertEquals(1, matching.size(), name + wanted + " in " + matching);
        return matching.get(0).value();
    }
}
