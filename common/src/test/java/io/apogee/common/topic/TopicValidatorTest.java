package io.apogee.common.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicValidatorTest {

    @Test
    void acceptsRocketMqNamesAndExplainsTheRest() {
        assertNull(TopicValidator.problemWith("%RETRY%group_A-1|x"));
        assertEquals("The specified topic is blank.", TopicValidator.problemWith(" "));
        assertEquals("The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$",
                TopicValidator.problemWith("a.b"));
        assertEquals("The specified topic is longer than topic max length.",
                TopicValidator.problemWith("t".repeat(128)));
        assertNull(TopicValidator.problemWith("t".repeat(127)));
    }

    @Test
    void knowsSystemTopics() {
        assertTrue(SystemTopics.isSystemTopic("TBW102"));
        assertTrue(SystemTopics.isSystemTopic("rmq_sys_anything"));
        assertFalse(SystemTopics.isSystemTopic("TopicTest"));
        assertTrue(SystemTopics.isNotAllowedToSend("SCHEDULE_TOPIC_XXXX"));
        assertEquals("%RETRY%g", SystemTopics.retryTopic("g"));
    }
}
