package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client-side retry (a send to {@code %RETRY%<group>}, as the official orderly consumer makes when a message
 * exhausted its retries) that the broker redirects to the group's dead-letter topic counts in
 * {@code rocketmq_send_to_dlq_messages_total} under its original topic, like a CONSUMER_SEND_MSG_BACK that ends
 * there; a retry with retries left does not.
 */
class RetryDeadLetterMetricsTest {

    @TempDir
    Path dir;

    @Test
    void anExhaustedRetrySentToTheRetryTopicCountsAsADeadLetterOfItsOriginalTopic() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, BrokerMetricsTest.prom())) {
            RemotingCommand exhausted = f.invoke(retry(3, 3));
            assertEquals(ResponseCode.SUCCESS, exhausted.code(), exhausted.remark());
            RemotingCommand retriesLeft = f.invoke(retry(1, 3));
            assertEquals(ResponseCode.SUCCESS, retriesLeft.code(), retriesLeft.remark());

            List<BrokerMetricsTest.Sample> scrape = BrokerMetricsTest.scrape(f.broker.metricsUrl());
            assertEquals(1, BrokerMetricsTest.value(scrape, "rocketmq_send_to_dlq_messages_total", "topic",
                    "OrderedTopic", "consumer_group", "og"));
            assertEquals(1, BrokerMetricsTest.value(scrape, "rocketmq_messages_in_total", "topic", "%DLQ%og"));
        }
    }

    /** What the official orderly consumer sends when a message reached {@code reconsumeTimes} of {@code max}. */
    private static RemotingCommand retry(int reconsumeTimes, int max) {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("CLIENT_INNER_PRODUCER");
        h.setTopic("%RETRY%og");
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(0);
        h.setSysFlag(0);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties("RETRY_TOPIC\u0001OrderedTopic\u0002WAIT\u0001true");
        h.setReconsumeTimes(reconsumeTimes);
        h.setMaxReconsumeTimes(max);
        h.setUnitMode(false);
        h.setBatch(false);
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.fromV1(h))
                .body("failed".getBytes(StandardCharsets.UTF_8));
    }
}
