package io.apogee.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Message methods RocketMQ 4.9 apps call, with RocketMQ's property names and refusals. */
class MessageRocketMqApiTest {

    @Test
    void theFullConstructorAndSettersWriteRocketMqsProperties() {
        Message m = new Message("Orders", "TagA", "k1 k2", 7, "x".getBytes(StandardCharsets.UTF_8), false);
        assertEquals("TagA", m.getTags());
        assertEquals("k1 k2", m.getKeys());
        assertEquals(7, m.getFlag());
        assertFalse(m.isWaitStoreMsgOK());
        assertEquals("false", m.getProperty(MessageProperty.WAIT_STORE_MSG_OK));

        m.setDelayTimeLevel(3);
        assertEquals(3, m.getDelayTimeLevel());
        assertEquals("3", m.getProperty("DELAY"));
        m.setBuyerId("buyer-9");
        assertEquals("buyer-9", m.getBuyerId());
        m.setInstanceId("inst-1");
        assertEquals("inst-1", m.getProperty("INSTANCE_ID"));
        m.setTransactionId("tx");
        assertEquals("tx", m.getTransactionId());
        assertNull(m.getProperty("transactionId"), "the transaction id stays on the client");
    }

    @Test
    void userPropertiesRefuseSystemNamesAndBlanks() {
        Message m = new Message("Orders", new byte[1]);
        m.putUserProperty("region", "eu");
        assertEquals("eu", m.getUserProperty("region"));

        IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
                () -> m.putUserProperty("DELAY", "1"));
        assertEquals("The Property<DELAY> is used by system, input another please", reserved.getMessage());
        for (String name : new String[] {"TAGS", "KEYS", "UNIQ_KEY", "WAIT", "TRAN_MSG", "RETRY_TOPIC"}) {
            assertTrue(MessageProperty.RESERVED.contains(name), name);
        }
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> m.putUserProperty("note", " "));
        assertTrue(blank.getMessage().contains("can not be null or blank"), blank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.putUserProperty(null, "v"));
    }
}
