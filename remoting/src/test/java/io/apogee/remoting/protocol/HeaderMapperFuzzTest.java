package io.apogee.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.remoting.protocol.header.EndTransactionRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.QueryMessageRequestHeader;
import io.apogee.remoting.protocol.header.ResetOffsetRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target of {@link HeaderMapper#fromExtFields} with real request headers (README "Fuzzing"). The input is
 * extFields as {@code key=value} lines; every header class either maps them or refuses them with a {@link
 * RemotingCommandException} that says why, and a mapped header maps back to the same extFields.
 */
class HeaderMapperFuzzTest {

    private static final List<Class<? extends CommandCustomHeader>> HEADERS = List.of(
            SendMessageRequestHeaderV2.class, SendMessageRequestHeader.class, PullMessageRequestHeader.class,
            ConsumerSendMsgBackRequestHeader.class, EndTransactionRequestHeader.class,
            UpdateConsumerOffsetRequestHeader.class, QueryMessageRequestHeader.class, ResetOffsetRequestHeader.class,
            RegisterBrokerRequestHeader.class);

    @FuzzTest
    void fromExtFields(byte[] input) {
        Map<String, String> extFields = extFields(new String(input, StandardCharsets.UTF_8));
        for (Class<? extends CommandCustomHeader> type : HEADERS) {
            mapsOrRefuses(extFields, type);
        }
    }

    private static void mapsOrRefuses(Map<String, String> extFields, Class<? extends CommandCustomHeader> type) {
        CommandCustomHeader header;
        try {
            header = HeaderMapper.fromExtFields(extFields, type);
        } catch (RemotingCommandException e) {
            assertFalse(e.getMessage().isBlank(), "a refusal says why");
            return;
        }
        Map<String, String> mapped = new HashMap<>();
        HeaderMapper.toExtFields(header, mapped);
        Map<String, String> again = new HashMap<>();
        try {
            HeaderMapper.toExtFields(HeaderMapper.fromExtFields(mapped, type), again);
        } catch (RemotingCommandException e) {
            throw new AssertionError(type.getSimpleName() + " does not map back from " + mapped, e);
        }
        assertEquals(mapped, again, type.getSimpleName());
    }

    /** One entry per line, split at the first {@code '='}; a line without one is a key with an empty value. */
    private static Map<String, String> extFields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            int eq = line.indexOf('=');
            fields.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
        }
        return fields;
    }
}
