package io.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSON;
import io.apogee.common.topic.Permission;
import io.apogee.common.topic.TopicConfig;
import io.apogee.common.topic.TopicFilterType;
import org.junit.jupiter.api.Test;

/** {@code TopicConfig}'s JSON, as bodies and {@code topics.json} carry it: RocketMQ's field names both ways. */
class TopicConfigJsonTest {

    @Test
    void itsJsonHasRocketMqsFieldNames() {
        TopicConfig config = new TopicConfig("Orders", 8, 4, Permission.READ_WRITE, TopicFilterType.MULTI_TAG, 0,
                true);
        String json = JSON.toJSONString(config);
        for (String field : new String[] {"\"topicName\":\"Orders\"", "\"readQueueNums\":8", "\"writeQueueNums\":4",
                "\"perm\":6", "\"topicFilterType\":\"MULTI_TAG\"", "\"topicSysFlag\":0", "\"order\":true"}) {
            assertTrue(json.contains(field), json);
        }
        assertEquals(config, JSON.parseObject(json, TopicConfig.class));
        assertEquals(TopicFilterType.SINGLE_TAG, JSON.parseObject("{\"topicName\":\"T\"}", TopicConfig.class)
                .getTopicFilterType(), "a JSON without the filter type, as RocketMQ's");
    }
}
