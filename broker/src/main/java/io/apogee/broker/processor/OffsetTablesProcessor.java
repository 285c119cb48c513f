package io.apogee.broker.processor;

import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.schedule.DelayOffsetTable;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GET_ALL_CONSUMER_OFFSET (43) and GET_ALL_DELAY_OFFSET (45): the whole offset tables, as their files hold them, that
 * a slave copies from its master (ours or Apache's) every 10 s.
 */
public final class OffsetTablesProcessor {

    private final ConsumerOffsetManager offsets;
    private final DelayOffsetTable delayOffsets;

    public OffsetTablesProcessor(ConsumerOffsetManager offsets, DelayOffsetTable delayOffsets) {
        this.offsets = offsets;
        this.delayOffsets = delayOffsets;
    }

    /** The two codes, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.GET_ALL_CONSUMER_OFFSET, (channel, request) -> RemotingCommand.response(null)
                        .body(offsets.encode().getBytes(StandardCharsets.UTF_8)),
                RequestCode.GET_ALL_DELAY_OFFSET, (channel, request) -> RemotingCommand.response(null)
                        .body(delayOffsets.encode().getBytes(StandardCharsets.UTF_8)));
    }
}
