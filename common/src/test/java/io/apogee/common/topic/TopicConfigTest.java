package io.apogee.common.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RocketMQ's {@code TopicConfig} API: defaults, setters, and its text form. */
class TopicConfigTest {

    @Test
    void defaultsAndSettersAreRocketMqs() {
        TopicConfig config = new TopicConfig("Orders");
        assertEquals(16, config.getReadQueueNums());
        assertEquals(16, config.getWriteQueueNums());
        assertEquals(Permission.READ_WRITE, config.getPerm());
        assertEquals(TopicFilterType.SINGLE_TAG, config.getTopicFilterType());
        assertFalse(config.isOrder());
        assertEquals(config, TopicConfig.withDefaults("Orders"));

        config.setReadQueueNums(8);
        config.setWriteQueueNums(4);
        config.setPerm(Permission.READ);
        config.setOrder(true);
        config.setTopicSysFlag(1);
        config.setTopicFilterType(null);
        assertEquals(TopicFilterType.SINGLE_TAG, config.getTopicFilterType(), "null means SINGLE_TAG");
        assertEquals(new TopicConfig("Orders", 8, 4, Permission.READ, TopicFilterType.SINGLE_TAG, 1, true), config);
        assertNotEquals(new TopicConfig("Orders", 8, 4, Permission.READ), config, "differs in order and flag");
    }

    @Test
    void theTextFormRoundTripsAndBadTextIsRefused() {
        TopicConfig config = new TopicConfig("Orders", 8, 4, Permission.READ_WRITE);
        assertEquals("Orders 8 4 6 SINGLE_TAG", config.encode());
        TopicConfig decoded = new TopicConfig();
        assertTrue(decoded.decode(config.encode()));
        assertEquals(config, decoded);
        assertFalse(decoded.decode("Orders 8 4"), "not five fields");
        assertFalse(decoded.decode(null));
        assertEquals(config, decoded, "a refused text changes nothing");
        assertThrows(IllegalArgumentException.class, () -> decoded.decode("Orders x 4 6 SINGLE_TAG"));
    }
}
