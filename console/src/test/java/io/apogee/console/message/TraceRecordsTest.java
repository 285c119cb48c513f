package io.apogee.console.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.common.message.MessageExt;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RocketMQ 4.9's trace record layouts, each variant of them, and how consumption records join into one event. */
class TraceRecordsTest {

    private static String[] fields(String... values) {
        return values;
    }

    @Test
    void pubRecordsOfEachLengthAreRead() {
        JSONObject oldest = TraceRecords.decode(fields("Pub", "100", "r", "G", "T", "ID", "tag", "k", "1.2.3.4:10911",
                "12", "5", "0", "true"));
        assertTrue(oldest.getBooleanValue("success"));
        assertNull(oldest.get("offsetMsgId"));
        JSONObject withOffsetId = TraceRecords.decode(fields("Pub", "100", "r", "G", "T", "ID", "tag", "k", "h",
                "12", "5", "0", "OFFSET", "false"));
        assertEquals("OFFSET", withOffsetId.getString("offsetMsgId"));
        assertFalse(withOffsetId.getBooleanValue("success"));
        JSONObject withHost = TraceRecords.decode(fields("Pub", "100", "r", "G", "T", "ID", "tag", "k", "h", "12",
                "5", "0", "OFFSET", "true", "10.0.0.1"));
        assertEquals("10.0.0.1", withHost.getString("clientHost"));
        assertEquals(5L, withHost.getLong("costTime"));
        assertEquals(100L, withHost.getLong("timestamp"));
    }

    @Test
    void shortUnknownAndEndTransactionRecords() {
        assertNull(TraceRecords.decode(fields("Pub", "100", "r")));
        assertNull(TraceRecords.decode(fields("Nonsense", "1")));
        JSONObject end = TraceRecords.decode(fields("EndTransaction", "100", "r", "G", "T", "ID", "tag", "k", "h",
                "1", "TX", "COMMIT_MESSAGE", "true"));
        assertEquals("COMMIT_MESSAGE", end.getString("transactionState"));
        assertTrue(end.getBooleanValue("fromTransactionCheck"));
        JSONObject oldAfter = TraceRecords.decode(fields("SubAfter", "req", "ID", "3", "true", "k"));
        assertNull(oldAfter.get("timestamp"));
        assertNull(oldAfter.get("contextCode"));
    }

    @Test
    void aTraceMessageGivesTheRecordsOfOneMessageJoinedIntoEvents() {
        char f = 1;
        char end = 2;
        String body = String.join(String.valueOf(f), "SubBefore", "200", "r", "G", "req", "ID", "1", "k") + end
                + String.join(String.valueOf(f), "SubBefore", "210", "r", "G", "req2", "OTHER", "0", "k") + end
                + String.join(String.valueOf(f), "SubAfter", "req", "ID", "8", "true", "k", "0", "208", "G") + end
                + String.join(String.valueOf(f), "SubBefore", "300", "r", "G", "req3", "ID", "2", "k") + end;
        MessageExt trace = new MessageExt();
        trace.setBody(body.getBytes(StandardCharsets.UTF_8));
        trace.setBornHost(new InetSocketAddress("127.0.0.1", 5555));
        List<JSONObject> records = TraceRecords.about(trace, "ID");
        assertEquals(3, records.size(), "the record about OTHER is left out");
        List<JSONObject> events = TraceRecords.events(records);
        assertEquals(2, events.size());
        JSONObject done = events.get(0);
        assertEquals("Sub", done.getString("type"));
        assertEquals(200L, done.getLong("timestamp"));
        assertEquals(8L, done.getLong("costTime"));
        assertTrue(done.getBooleanValue("finished"));
        assertEquals("127.0.0.1:5555", done.getString("clientHost"));
        assertFalse(events.get(1).getBooleanValue("finished"), "a consumption without its after record");
    }
}
