package io.apogee.client.stub;

import io.apogee.client.impl.api.PullApi;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.Reply;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.GetConsumerListByGroupResponseBody;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.remoting.protocol.body.LockBatchResponseBody;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerListByGroupRequestHeader;
import io.apogee.remoting.protocol.header.GetMaxOffsetRequestHeader;
import io.apogee.remoting.protocol.header.GetMaxOffsetResponseHeader;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import io.apogee.remoting.protocol.header.QueryConsumerOffsetRequestHeader;
import io.apogee.remoting.protocol.header.QueryConsumerOffsetResponseHeader;
import io.apogee.remoting.protocol.header.UnregisterClientRequestHeader;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A broker for one test: queues the test appends messages to, consumer offsets, and the group membership heartbeats
 * announce. It answers what consumers ask — PULL_MESSAGE (held, as long polling does, until a message arrives or
 * the pull's suspend time ends), QUERY/UPDATE_CONSUMER_OFFSET, GET_MAX/MIN_OFFSET, HEART_BEAT, UNREGISTER_CLIENT,
 * GET_CONSUMER_LIST_BY_GROUP, CONSUMER_SEND_MSG_BACK, LOCK/UNLOCK_BATCH_MQ (every lock granted) — and records every
 * pull and send-back. It does not filter by tag: the client does.
 */
public final class FakeBroker implements AutoCloseable {

    /** A pull waiting for a message, answered when one is appended to its queue. */
    private record HeldPull(PullMessageRequestHeader header, CompletableFuture<RemotingCommand> response) {
    }

    private record OffsetKey(String group, String topic, int queueId) {
    }

    private final String name;
    private final StubServer server;
    private final Map<MessageQueue, List<MessageExt>> queues = new ConcurrentHashMap<>();
    private final Map<OffsetKey, Long> offsets = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final List<HeldPull> held = new ArrayList<>();
    private final List<PullMessageRequestHeader> pulls = new CopyOnWriteArrayList<>();
    private final List<Long> pullNanos = new CopyOnWriteArrayList<>();
    private final List<ConsumerSendMsgBackRequestHeader> sendBacks = new CopyOnWriteArrayList<>();
    private final List<HeartbeatData> heartbeats = new CopyOnWriteArrayList<>();
    private final Map<String, Channel> clientChannels = new ConcurrentHashMap<>();
    private volatile int pullFailureCode = ResponseCode.SUCCESS;
    private volatile long suggestedBrokerId;
    private long nextCommitLogOffset;

    public FakeBroker(String name) {
        this.name = name;
        this.server = new StubServer()
                .on(RequestCode.PULL_MESSAGE, (channel, request) -> pull(request))
                .on(RequestCode.QUERY_CONSUMER_OFFSET, (channel, request) -> queryOffset(request))
                .on(RequestCode.UPDATE_CONSUMER_OFFSET, (channel, request) -> updateOffset(request))
                .on(RequestCode.GET_MAX_OFFSET, (channel, request) -> bound(request, true))
                .on(RequestCode.GET_MIN_OFFSET, (channel, request) -> bound(request, false))
                .on(RequestCode.HEART_BEAT, (channel, request) -> heartbeat(channel, request))
                .on(RequestCode.UNREGISTER_CLIENT, (channel, request) -> unregister(request))
                .on(RequestCode.GET_CONSUMER_LIST_BY_GROUP, (channel, request) -> consumerList(request))
                .on(RequestCode.CONSUMER_SEND_MSG_BACK, (channel, request) -> {
                    sendBacks.add(request.decodeHeader(ConsumerSendMsgBackRequestHeader.class));
                    return RemotingCommand.response(ResponseCode.SUCCESS, null);
                })
                .on(RequestCode.LOCK_BATCH_MQ, (channel, request) -> {
                    LockBatchResponseBody body = new LockBatchResponseBody();
                    body.setLockOKMQSet(LockBatchRequestBody.decode(request.body()).getMqSet());
                    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body.encode());
                })
                .on(RequestCode.UNLOCK_BATCH_MQ, (channel, request) -> RemotingCommand.response(ResponseCode.SUCCESS,
                        null))
                .start();
    }

    public String name() {
        return name;
    }

    public String address() {
        return server.address();
    }

    /** Appends messages with {@code tags} to {@code topic}'s queue {@code queueId}; answers pulls held on it. */
    public synchronized void append(String topic, int queueId, String tags, int count) {
        MessageQueue mq = new MessageQueue(topic, name, queueId);
        List<MessageExt> queue = queues.computeIfAbsent(mq, k -> new CopyOnWriteArrayList<>());
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        for (int i = 0; i < count; i++) {
            MessageExt m = new MessageExt();
            m.setTopic(topic);
            m.setTags(tags);
            m.setBody(("body-" + queue.size()).getBytes());
            m.setQueueId(queueId);
            m.setQueueOffset(queue.size());
            m.setCommitLogOffset(nextCommitLogOffset);
            m.setBornHost(host);
            m.setStoreHost(host);
            m.setBornTimestamp(System.currentTimeMillis());
            m.setStoreTimestamp(System.currentTimeMillis());
            m.setBodyCRC(StoredMessageCodec.bodyCrc(m.getBody()));
            nextCommitLogOffset += 100;
            queue.add(m);
        }
        for (HeldPull pull : List.copyOf(held)) {
            if (pull.header.getTopic().equals(topic) && pull.header.getQueueId() == queueId) {
                held.remove(pull);
                pull.response.complete(answer(pull.header));
            }
        }
    }

    /** From now on, pulls are answered {@code code} (SUCCESS: normally again). */
    public void failPullsWith(int code) {
        pullFailureCode = code;
    }

    /** The broker id each pull answer suggests pulling from next. */
    public void suggestBrokerId(long brokerId) {
        suggestedBrokerId = brokerId;
    }

    /** Another client of {@code group}, as if it had heartbeated here. */
    public void addMember(String group, String clientId) {
        members.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(clientId);
    }

    public void removeMember(String group, String clientId) {
        members.computeIfPresent(group, (g, ids) -> {
            ids.remove(clientId);
            return ids;
        });
    }

    /** The group's offset of a queue here, or null when none was stored. */
    public Long offset(String group, String topic, int queueId) {
        return offsets.get(new OffsetKey(group, topic, queueId));
    }

    public void setOffset(String group, String topic, int queueId, long offset) {
        offsets.put(new OffsetKey(group, topic, queueId), offset);
    }

    /** Every pull received, in order. */
    public List<PullMessageRequestHeader> pulls() {
        return List.copyOf(pulls);
    }

    /** The pulls of {@code topic} received. */
    public List<PullMessageRequestHeader> pulls(String topic) {
        return pulls.stream().filter(p -> p.getTopic().equals(topic)).toList();
    }

    /** Milliseconds between the arrival of pull {@code first} and pull {@code first + 1}. */
    public long millisBetweenPulls(int first) {
        return TimeUnit.NANOSECONDS.toMillis(pullNanos.get(first + 1) - pullNanos.get(first));
    }

    public List<ConsumerSendMsgBackRequestHeader> sendBacks() {
        return List.copyOf(sendBacks);
    }

    public List<HeartbeatData> heartbeats() {
        return List.copyOf(heartbeats);
    }

    /** Sends {@code request} to client {@code clientId} over the connection it heartbeated on (null when oneway). */
    public RemotingCommand callClient(String clientId, RemotingCommand request, boolean oneway)
            throws InterruptedException, RemotingException {
        Channel channel = clientChannels.get(clientId);
        if (channel == null) {
            throw new IllegalStateException("client " + clientId + " never heartbeated here");
        }
        if (oneway) {
            server.invokeOneway(channel, request);
            return null;
        }
        return server.invoke(channel, request);
    }

    /** How many requests of {@code code} arrived. */
    public int count(int code) {
        return server.count(code);
    }

    private Reply pull(RemotingCommand request) throws Exception {
        PullMessageRequestHeader header = request.decodeHeader(PullMessageRequestHeader.class);
        pullNanos.add(System.nanoTime());
        pulls.add(header);
        if (pullFailureCode != ResponseCode.SUCCESS) {
            return RemotingCommand.response(pullFailureCode, "failure set by the test");
        }
        synchronized (this) {
            List<MessageExt> queue = queue(header.getTopic(), header.getQueueId());
            boolean suspend = (header.getSysFlag() & PullApi.FLAG_SUSPEND) != 0;
            if (header.getQueueOffset() != queue.size() || !suspend) {
                return answer(header);
            }
            CompletableFuture<RemotingCommand> response = new CompletableFuture<>();
            held.add(new HeldPull(header, response));
            response.completeOnTimeout(answer(header), header.getSuspendTimeoutMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((r, e) -> forget(response));
            return Reply.later(response);
        }
    }

    private synchronized void forget(CompletableFuture<RemotingCommand> response) {
        held.removeIf(h -> h.response == response);
    }

    private synchronized RemotingCommand answer(PullMessageRequestHeader header) {
        List<MessageExt> queue = queue(header.getTopic(), header.getQueueId());
        long offset = header.getQueueOffset();
        PullMessageResponseHeader response = new PullMessageResponseHeader();
        response.setMinOffset(0L);
        response.setMaxOffset((long) queue.size());
        response.setSuggestWhichBrokerId(suggestedBrokerId);
        if (offset > queue.size() || offset < 0) {
            response.setNextBeginOffset((long) queue.size());
            return RemotingCommand.response(response).code(ResponseCode.PULL_OFFSET_MOVED);
        }
        if (offset == queue.size()) {
            response.setNextBeginOffset(offset);
            return RemotingCommand.response(response).code(ResponseCode.PULL_NOT_FOUND);
        }
        int end = (int) Math.min(queue.size(), offset + header.getMaxMsgNums());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (MessageExt m : queue.subList((int) offset, end)) {
            ByteBuffer encoded = StoredMessageCodec.encode(m);
            body.write(encoded.array(), encoded.arrayOffset(), encoded.remaining());
        }
        response.setNextBeginOffset((long) end);
        return RemotingCommand.response(response).body(body.toByteArray());
    }

    private List<MessageExt> queue(String topic, int queueId) {
        return queues.getOrDefault(new MessageQueue(topic, name, queueId), List.of());
    }

    private RemotingCommand queryOffset(RemotingCommand request) throws Exception {
        QueryConsumerOffsetRequestHeader header = request.decodeHeader(QueryConsumerOffsetRequestHeader.class);
        Long offset = offset(header.getConsumerGroup(), header.getTopic(), header.getQueueId());
        if (offset == null) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "Not found, V3_0_6_SNAPSHOT maybe");
        }
        QueryConsumerOffsetResponseHeader response = new QueryConsumerOffsetResponseHeader();
        response.setOffset(offset);
        return RemotingCommand.response(response);
    }

    private RemotingCommand updateOffset(RemotingCommand request) throws Exception {
        UpdateConsumerOffsetRequestHeader header = request.decodeHeader(UpdateConsumerOffsetRequestHeader.class);
        setOffset(header.getConsumerGroup(), header.getTopic(), header.getQueueId(), header.getCommitOffset());
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private RemotingCommand bound(RemotingCommand request, boolean max) throws Exception {
        GetMaxOffsetRequestHeader header = request.decodeHeader(GetMaxOffsetRequestHeader.class);
        GetMaxOffsetResponseHeader response = new GetMaxOffsetResponseHeader();
        response.setOffset(max ? (long) queue(header.getTopic(), header.getQueueId()).size() : 0L);
        return RemotingCommand.response(response);
    }

    private RemotingCommand heartbeat(Channel channel, RemotingCommand request) {
        HeartbeatData data = HeartbeatData.decode(request.body());
        heartbeats.add(data);
        clientChannels.put(data.getClientID(), channel);
        for (ConsumerData consumer : data.getConsumerDataSet()) {
            addMember(consumer.getGroupName(), data.getClientID());
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private RemotingCommand unregister(RemotingCommand request) throws Exception {
        UnregisterClientRequestHeader header = request.decodeHeader(UnregisterClientRequestHeader.class);
        if (header.getConsumerGroup() != null) {
            removeMember(header.getConsumerGroup(), header.getClientID());
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private RemotingCommand consumerList(RemotingCommand request) throws Exception {
        String group = request.decodeHeader(GetConsumerListByGroupRequestHeader.class).getConsumerGroup();
        GetConsumerListByGroupResponseBody body = new GetConsumerListByGroupResponseBody();
        body.setConsumerIdList(new ArrayList<>(new TreeSet<>(members.getOrDefault(group, Set.of()))));
        return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body.encode());
    }

    @Override
    public void close() {
        server.close();
    }
}
