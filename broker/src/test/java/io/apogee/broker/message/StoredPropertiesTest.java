package io.apogee.broker.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageExt;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** What the broker stores for sent properties, and its own copies of stored messages. */
class StoredPropertiesTest {

    @Test
    void aSingleMessageStoresItsPropertiesWithoutWaitAndWithThisCluster() {
        assertEquals("KEYS\u0001k\u0002TAGS\u0001A\u0002CLUSTER\u0001C",
                StoredProperties.ofSingle("KEYS\u0001k\u0002WAIT\u0001true\u0002TAGS\u0001A", "C"));
        assertEquals("TAGS\u0001A\u0002CLUSTER\u0001C",
                StoredProperties.ofSingle("CLUSTER\u0001Other\u0002\u0002TAGS\u0001A\u0002", "C"));
        assertEquals("CLUSTER\u0001C", StoredProperties.ofSingle("", "C"));
    }

    @Test
    void aBatchEntryKeepsItsTextAndGetsTheBatchPropertiesAppended() {
        assertEquals("TAGS\u0001A\u0002WAIT\u0001true\u0002CLUSTER\u0001C",
                StoredProperties.ofBatchEntry("TAGS\u0001A", "WAIT\u0001true", "C"));
        assertEquals("TAGS\u0001A\u0002CLUSTER\u0001C", StoredProperties.ofBatchEntry("TAGS\u0001A\u0002", "", "C"));
        assertEquals("WAIT\u0001true\u0002CLUSTER\u0001C", StoredProperties.ofBatchEntry("", "WAIT\u0001true", "C"));
    }

    @Test
    void theSenderWaitsUnlessItSaysWaitFalse() {
        assertTrue(StoredProperties.waitStoreMsgOk(""));
        assertTrue(StoredProperties.waitStoreMsgOk("WAIT\u0001true"));
        assertFalse(StoredProperties.waitStoreMsgOk("TAGS\u0001A\u0002WAIT\u0001false"));
    }

    @Test
    void aCopyHasItsOwnPropertiesAndItsPutNeverWaits() {
        MessageExt from = new MessageExt();
        from.setTopic("T");
        from.setBody(new byte[] {7});
        from.setPropertiesString("TAGS\u0001A\u0002WAIT\u0001true\u0002DELAY\u00012");
        from.setReconsumeTimes(3);
        from.setBornHost(new InetSocketAddress("127.0.0.1", 1));
        MessageExt copy = MessageCopy.of(from, "R", 5);
        assertEquals("R", copy.getTopic());
        assertEquals(5, copy.getQueueId());
        assertEquals(3, copy.getReconsumeTimes());
        assertFalse(copy.isWaitStoreMsgOK());
        assertEquals(from.getPropertiesString(), copy.getPropertiesString());
        copy.putProperty("RETRY_TOPIC", "T");
        assertEquals("TAGS\u0001A\u0002WAIT\u0001true\u0002DELAY\u00012", from.getPropertiesString());
        assertEquals("TAGS\u0001A\u0002WAIT\u0001true\u0002DELAY\u00012\u0002RETRY_TOPIC\u0001T",
                copy.getPropertiesString());
    }
}
