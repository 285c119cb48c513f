package io.apogee.broker.processor;

import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.GetConsumerListByGroupResponseBody;
import io.apogee.remoting.protocol.header.GetConsumerListByGroupRequestHeader;
import io.apogee.remoting.protocol.header.GetEarliestMsgStoretimeRequestHeader;
import io.apogee.remoting.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import io.apogee.remoting.protocol.header.GetMaxOffsetRequestHeader;
import io.apogee.remoting.protocol.header.GetMaxOffsetResponseHeader;
import io.apogee.remoting.protocol.header.GetMinOffsetRequestHeader;
import io.apogee.remoting.protocol.header.GetMinOffsetResponseHeader;
import io.apogee.remoting.protocol.header.QueryConsumerOffsetRequestHeader;
import io.apogee.remoting.protocol.header.QueryConsumerOffsetResponseHeader;
import io.apogee.remoting.protocol.header.SearchOffsetRequestHeader;
import io.apogee.remoting.protocol.header.SearchOffsetResponseHeader;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.apogee.store.MessageStore;
import java.util.Map;

/**
 * Consumer offsets and queue positions: QUERY/UPDATE_CONSUMER_OFFSET, GET_CONSUMER_LIST_BY_GROUP, GET_MAX_OFFSET,
 * GET_MIN_OFFSET, SEARCH_OFFSET_BY_TIMESTAMP and GET_EARLIEST_MSG_STORETIME.
 */
public final class ConsumerManageProcessor {

    private final ConsumerManager consumers;
    private final ConsumerOffsetManager offsets;
    private final MessageStore store;

    public ConsumerManageProcessor(ConsumerManager consumers, ConsumerOffsetManager offsets, MessageStore store) {
        this.consumers = consumers;
        this.offsets = offsets;
        this.store = store;
    }

    /** The offset and queue position codes, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.QUERY_CONSUMER_OFFSET, (channel, request) -> queryOffset(request),
                RequestCode.UPDATE_CONSUMER_OFFSET, (channel, request) -> updateOffset(request),
                RequestCode.GET_CONSUMER_LIST_BY_GROUP, (channel, request) -> consumerList(request),
                RequestCode.GET_MAX_OFFSET, (channel, request) -> maxOffset(request),
                RequestCode.GET_MIN_OFFSET, (channel, request) -> minOffset(request),
                RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, (channel, request) -> searchOffset(request),
                RequestCode.GET_EARLIEST_MSG_STORETIME, (channel, request) -> earliestTime(request));
    }

    /**
     * The committed offset; with none, a queue that still starts at 0 answers 0 (so a brand-new group on a young
     * queue reads from the start, as RocketMQ does), otherwise QUERY_NOT_FOUND.
     */
    private RemotingCommand queryOffset(RemotingCommand request) throws RemotingCommandException {
        QueryConsumerOffsetRequestHeader h = request.decodeHeader(QueryConsumerOffsetRequestHeader.class);
        long offset = offsets.queryOffset(h.getConsumerGroup(), h.getTopic(), h.getQueueId());
        if (offset < 0 && store.getMinOffsetInQueue(h.getTopic(), h.getQueueId()) <= 0) {
            offset = 0;
        }
        if (offset < 0) {
            return StatusResponses.error(ResponseCode.QUERY_NOT_FOUND,
                    "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first");
        }
        QueryConsumerOffsetResponseHeader response = new QueryConsumerOffsetResponseHeader();
        response.setOffset(offset);
        return RemotingCommand.response(response);
    }

    private RemotingCommand updateOffset(RemotingCommand request) throws RemotingCommandException {
        UpdateConsumerOffsetRequestHeader h = request.decodeHeader(UpdateConsumerOffsetRequestHeader.class);
        offsets.commitOffset(h.getConsumerGroup(), h.getTopic(), h.getQueueId(), h.getCommitOffset());
        return RemotingCommand.response(null);
    }

    private RemotingCommand consumerList(RemotingCommand request) throws RemotingCommandException {
        GetConsumerListByGroupRequestHeader h = request.decodeHeader(GetConsumerListByGroupRequestHeader.class);
        ConsumerGroupInfo group = consumers.group(h.getConsumerGroup());
        if (group == null || group.isEmpty()) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "no consumer for this group, "
                    + h.getConsumerGroup());
        }
        GetConsumerListByGroupResponseBody body = new GetConsumerListByGroupResponseBody();
        body.setConsumerIdList(group.clientIds());
        return RemotingCommand.response(null).body(body.encode());
    }

    private RemotingCommand maxOffset(RemotingCommand request) throws RemotingCommandException {
        GetMaxOffsetRequestHeader h = request.decodeHeader(GetMaxOffsetRequestHeader.class);
        GetMaxOffsetResponseHeader response = new GetMaxOffsetResponseHeader();
        store.awaitDispatched();
        response.setOffset(store.getMaxOffsetInQueue(h.getTopic(), h.getQueueId()));
        return RemotingCommand.response(response);
    }

    private RemotingCommand minOffset(RemotingCommand request) throws RemotingCommandException {
        GetMinOffsetRequestHeader h = request.decodeHeader(GetMinOffsetRequestHeader.class);
        GetMinOffsetResponseHeader response = new GetMinOffsetResponseHeader();
        response.setOffset(store.getMinOffsetInQueue(h.getTopic(), h.getQueueId()));
        return RemotingCommand.response(response);
    }

    private RemotingCommand searchOffset(RemotingCommand request) throws RemotingCommandException {
        SearchOffsetRequestHeader h = request.decodeHeader(SearchOffsetRequestHeader.class);
        SearchOffsetResponseHeader response = new SearchOffsetResponseHeader();
        response.setOffset(store.getOffsetInQueueByTime(h.getTopic(), h.getQueueId(), h.getTimestamp()));
        return RemotingCommand.response(response);
    }

    private RemotingCommand earliestTime(RemotingCommand request) throws RemotingCommandException {
        GetEarliestMsgStoretimeRequestHeader h = request.decodeHeader(GetEarliestMsgStoretimeRequestHeader.class);
        GetEarliestMsgStoretimeResponseHeader response = new GetEarliestMsgStoretimeResponseHeader();
        response.setTimestamp(store.getEarliestMessageTime(h.getTopic(), h.getQueueId()));
        return RemotingCommand.response(response);
    }
}
