package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.topic.TopicConfig;
import io.apogee.common.topic.TopicFilterType;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.header.GetTopicConfigRequestHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET_TOPIC_CONFIG (351), as RocketMQ 5.x admin clients send it before topic and consume stats. */
class TopicConfigRequestTest {

    @TempDir
    Path dir;

    @Test
    void answersTheTopicConfigAsA5xBrokerDoes() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 4).code());

            RemotingCommand found = f.invoke(request("T"));
            assertEquals(ResponseCode.SUCCESS, found.code(), found.remark());
            String json = new String(found.body(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"topicName\":\"T\"") && json.contains("\"topicFilterType\":\"SINGLE_TAG\""),
                    json);
            assertEquals(new TopicConfig("T", 4, 4, 6, TopicFilterType.SINGLE_TAG, 0, false),
                    BodyJson.decode(found.body(), TopicConfig.class));

            RemotingCommand missing = f.invoke(request("Nope"));
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, missing.code());
            assertEquals("No topic in this broker. topic: Nope", missing.remark());

            RemotingCommand noTopic = f.invoke(RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG, null));
            assertEquals(ResponseCode.SYSTEM_ERROR, noTopic.code());
            assertTrue(noTopic.remark().contains("topic"), noTopic.remark());
        }
    }

    /** The request with the fields a 5.3.3 client adds: {@code lo}, namespace and broker name. */
    private static RemotingCommand request(String topic) {
        GetTopicConfigRequestHeader h = new GetTopicConfigRequestHeader();
        h.setTopic(topic);
        h.setBname("broker-test");
        return RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG, h).addExtField("lo", "true")
                .addExtField("nsd", "false");
    }
}
