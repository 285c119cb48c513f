package io.apogee.broker.processor;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.QueryMessageRequestHeader;
import io.apogee.remoting.protocol.header.QueryMessageResponseHeader;
import io.apogee.remoting.protocol.header.ViewMessageRequestHeader;
import io.apogee.store.MessageStore;
import io.apogee.store.QueryMessageResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** QUERY_MESSAGE (by key, through the index) and VIEW_MESSAGE_BY_ID (by commit-log offset). */
public final class QueryMessageProcessor {

    private final Supplier<BrokerConfig> config;
    private final MessageStore store;

    public QueryMessageProcessor(Supplier<BrokerConfig> config, MessageStore store) {
        this.config = config;
        this.store = store;
    }

    /** QUERY_MESSAGE and VIEW_MESSAGE_BY_ID, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.QUERY_MESSAGE, (channel, request) -> query(request),
                RequestCode.VIEW_MESSAGE_BY_ID, (channel, request) -> view(request));
    }

    private RemotingCommand query(RemotingCommand request) throws RemotingCommandException {
        QueryMessageRequestHeader h = request.decodeHeader(QueryMessageRequestHeader.class);
        boolean uniqueKey = request.extFields() != null
                && Boolean.parseBoolean(request.extFields().get(QueryMessageRequestHeader.UNIQUE_KEY_QUERY));
        int maxNum = uniqueKey ? config.get().getDefaultQueryMaxNum() : h.getMaxNum();
        QueryMessageResult result = store.queryMessage(h.getTopic(), h.getKey(), maxNum, h.getBeginTimestamp(),
                h.getEndTimestamp());
        if (result.messages().isEmpty()) {
            return StatusResponses.error(ResponseCode.QUERY_NOT_FOUND,
                    "can not find message, maybe time range not correct");
        }
        QueryMessageResponseHeader header = new QueryMessageResponseHeader();
        header.setIndexLastUpdateTimestamp(result.indexLastUpdateTimestamp());
        header.setIndexLastUpdatePhyoffset(result.indexLastUpdatePhyOffset());
        return RemotingCommand.response(header).bodySlices(result.messages());
    }

    private RemotingCommand view(RemotingCommand request) throws RemotingCommandException {
        ViewMessageRequestHeader h = request.decodeHeader(ViewMessageRequestHeader.class);
        ByteBuffer message = store.selectOneMessageByOffset(h.getOffset());
        if (message == null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "can not find message by the offset, " + h.getOffset());
        }
        return RemotingCommand.response(null).bodySlices(List.of(message));
    }
}
