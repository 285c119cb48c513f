package io.apogee.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.topic.TopicFilterType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
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

    @Test
    void messageExtHasRocketMqsHostHelpersAndIds() throws Exception {
        InetSocketAddress born = new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 4567);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 10911);
        MessageExt m = new MessageExt(2, 1000L, born, 2000L, v6, "MSG-ID");
        assertEquals(2, m.getQueueId());
        assertEquals("MSG-ID", m.getMsgId(), "an id given wins over the computed one");
        assertEquals("10.1.2.3", m.getBornHostString());
        assertEquals(SysFlag.STOREHOST_V6, m.getSysFlag(), "the store host is IPv6, the born host not");
        ByteBuffer bornBytes = m.getBornHostBytes();
        assertEquals(8, bornBytes.remaining());
        assertEquals(10, bornBytes.get(0));
        assertEquals(4567, bornBytes.getInt(4));
        assertEquals(20, m.getStoreHostBytes().remaining());
        assertEquals(20, m.getStoreHostBytes(ByteBuffer.allocate(32)).limit(), "flipped after the put");
        assertEquals(TopicFilterType.MULTI_TAG, MessageExt.parseTopicFilterType(SysFlag.MULTI_TAGS));
        assertEquals(TopicFilterType.SINGLE_TAG, MessageExt.parseTopicFilterType(0));

        MessageExt plain = new MessageExt();
        plain.setBornHostV6Flag();
        plain.setStoreHostAddressV6Flag();
        assertEquals(SysFlag.BORNHOST_V6 | SysFlag.STOREHOST_V6, plain.getSysFlag());
        plain.setBodyCRC(42);
        assertEquals(42, plain.getBodyCRC());
        plain.setBrokerName("broker-a");
        assertEquals("broker-a", plain.getBrokerName());
        assertThrows(ClassCastException.class, () -> plain.setBornHost(new SocketAddress() {
        }), "only IP socket addresses, as in RocketMQ");
    }
}
