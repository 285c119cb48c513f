package io.apogee.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMapperTest {

    static class BaseHeader implements CommandCustomHeader {
        String bname;
    }

    static class SampleHeader extends BaseHeader {
        static final String IGNORED = "x";
        @Required
        String topic;
        @Required
        Integer queueId;
        Long offset;
        boolean isOrder;
        Boolean unitMode;
        Double ratio;
        transient String local;
    }

    static class CheckedHeader implements CommandCustomHeader {
        @Required
        Integer queueId;

        @Override
        public void checkFields() throws RemotingCommandException {
            if (queueId < 0) {
                throw new RemotingCommandException("queueId must not be negative, was " + queueId);
            }
        }
    }

    @Test
    void mapsFieldsToStringsAndBackIncludingSuperclassFields() throws Exception {
        SampleHeader h = new SampleHeader();
        h.bname = "broker-a";
        h.topic = "T";
        h.queueId = 3;
        h.offset = -1L;
        h.isOrder = true;
        h.ratio = 0.5;
        h.local = "never sent";
        Map<String, String> ext = new HashMap<>();

        HeaderMapper.toExtFields(h, ext);

        assertEquals(Map.of("bname", "broker-a", "topic", "T", "queueId", "3", "offset", "-1", "isOrder", "true",
                "ratio", "0.5"), ext);
        SampleHeader back = HeaderMapper.fromExtFields(ext, SampleHeader.class);
        assertEquals("broker-a", back.bname);
        assertEquals(3, back.queueId);
        assertEquals(-1L, back.offset);
        assertTrue(back.isOrder);
        assertNull(back.unitMode);
        assertEquals(0.5, back.ratio);
    }

    @Test
    void missingRequiredFieldIsNamed() {
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
                () -> HeaderMapper.fromExtFields(Map.of("topic", "T"), SampleHeader.class));
        assertEquals("the custom field <queueId> is null", e.getMessage());
        assertThrows(RemotingCommandException.class, () -> HeaderMapper.fromExtFields(null, SampleHeader.class));
    }

    @Test
    void unparsableNumberIsNamedAndBooleansAreLenient() throws Exception {
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
                () -> HeaderMapper.fromExtFields(Map.of("topic", "T", "queueId", "one"), SampleHeader.class));
        assertTrue(e.getMessage().contains("<queueId>"), e.getMessage());
        SampleHeader h = HeaderMapper.fromExtFields(Map.of("topic", "T", "queueId", "1", "isOrder", "yes",
                "unknownKey", "ignored"), SampleHeader.class);
        assertEquals(false, h.isOrder);
    }

    @Test
    void checkFieldsRunsAfterDecoding() {
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
                () -> HeaderMapper.fromExtFields(Map.of("queueId", "-2"), CheckedHeader.class));
        assertTrue(e.getMessage().contains("queueId"));
    }

    @Test
    void requestCarriesHeaderVersionAndIncreasingOpaque() throws Exception {
        SampleHeader h = new SampleHeader();
        h.topic = "T";
        h.queueId = 1;
        RemotingCommand a = RemotingCommand.request(RequestCode.PULL_MESSAGE, h);
        RemotingCommand b = RemotingCommand.request(RequestCode.PULL_MESSAGE, null);
        assertEquals(RemotingCommand.CURRENT_VERSION, a.version());
        assertTrue(b.opaque() > a.opaque());
        assertNull(b.extFields());
        assertEquals("T", a.decodeHeader(SampleHeader.class).topic);
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null).answering(a);
        assertTrue(response.isResponse());
        assertEquals(a.opaque(), response.opaque());
    }
}
