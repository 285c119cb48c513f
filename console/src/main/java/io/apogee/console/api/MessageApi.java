package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.AdminResponseCode;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.message.MessageExt;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Page;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import io.apogee.console.message.ConsumeStatusOfMessage;
import io.apogee.console.message.LiveTail;
import io.apogee.console.message.MessageFilter;
import io.apogee.console.message.MessageJson;
import io.apogee.console.message.MessageLookup;
import io.apogee.console.message.MessageReader;
import io.apogee.console.view.ClusterView;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Messages page. Reads ({@link Role#VIEWER}): {@code GET /api/messages?topic=&begin=&end=} (a time range, epoch
 * millis, paged, newest first, at most {@link MessageReader#MAX_READ} read), {@code /api/messages/by-key?topic=&key=},
 * {@code /api/messages/by-id?msgId=[&topic=]} (offset id or client id), each filtered by {@code tag}, {@code key},
 * {@code property} and {@code body}; {@code /api/messages/detail?msgId=[&topic=]} with the consume status per group;
 * {@code /api/messages/tail?topic=} a live tail as server-sent events. Writes ({@link Role#OPERATOR}):
 * {@code POST /api/messages/resend} has a consumer of a group consume a message again.
 */
final class MessageApi implements ApiModule {

    /** Live tails at most at once: each holds a worker thread while it runs. */
    private final int maxTails;
    private final AtomicInteger tails = new AtomicInteger();
    private final Apis.Context context;
    private final MessageReader reader;
    private final MessageLookup lookup;

    MessageApi(Apis.Context context) {
        this.context = context;
        this.reader = new MessageReader(context.admin());
        this.lookup = new MessageLookup(context.admin(), context.cluster());
        this.maxTails = Math.max(1, context.config().workerThreads() / 4);
    }

    @Override
    public void register(Router router) {
        router.get("/api/messages", Role.VIEWER, this::byTime)
                .get("/api/messages/by-key", Role.VIEWER, this::byKey)
                .get("/api/messages/by-id", Role.VIEWER, this::byId)
                .get("/api/messages/detail", Role.VIEWER, this::detail)
                .get("/api/messages/tail", Role.VIEWER, this::tail)
                .post("/api/messages/resend", Role.OPERATOR, this::resend);
    }

    private Reply byTime(HttpCall call) throws Exception {
        String topic = call.requiredParam("topic");
        TimeRange range = TimeRange.of(call);
        MessageFilter filter = MessageFilter.of(call);
        lookup.requireTopic(topic);
        return Reply.json(rangePage(reader.read(topic, range.begin(), range.end(), filter), call, context));
    }

    /** A page of what a range read found, with the read figures and the note when the range was too large. */
    static JSONObject rangePage(MessageReader.Result result, HttpCall call, Apis.Context context) {
        ClusterView.Snapshot snapshot = context.cluster().current();
        Page<MessageExt> page = Page.of(result.matched(), call);
        JSONObject answer = JSONObject.of("total", page.total(), "offset", page.offset(), "limit", page.limit(),
                "items", page.items().stream().map(m -> MessageJson.summary(m, snapshot)).toList());
        answer.put("inRange", result.inRange());
        answer.put("read", result.read());
        answer.put("truncated", result.truncated());
        if (result.truncated()) {
            answer.put("note", "the range holds about " + result.inRange() + " messages; " + result.read()
                    + " (the newest of each queue) were read, at most " + MessageReader.MAX_READ
                    + " are read per request: narrow the time range to see the others");
        }
        return answer;
    }

    private Reply byKey(HttpCall call) throws Exception {
        String topic = call.requiredParam("topic");
        String key = call.requiredParam("key");
        TimeRange range = TimeRange.optional(call);
        MessageFilter filter = MessageFilter.of(call);
        List<MessageExt> found = lookup.byKey(topic, key, range.begin(), range.end()).stream()
                .filter(filter).sorted(MessageReader.NEWEST_FIRST).toList();
        return Reply.json(summaries(found));
    }

    private Reply byId(HttpCall call) throws Exception {
        List<MessageExt> found = lookup.byId(call.param("topic", null), call.requiredParam("msgId")).stream()
                .filter(MessageFilter.of(call)).toList();
        return Reply.json(summaries(found));
    }

    private JSONObject summaries(List<MessageExt> found) {
        ClusterView.Snapshot snapshot = context.cluster().current();
        return JSONObject.of("total", found.size(), "items", found.stream().map(m -> MessageJson.summary(m,
                snapshot)).toList(), "cap", MessageLookup.MAX_BY_KEY);
    }

    private Reply detail(HttpCall call) throws Exception {
        MessageExt m = lookup.byId(call.param("topic", null), call.requiredParam("msgId")).get(0);
        ClusterView.Snapshot snapshot = context.cluster().current();
        JSONObject detail = MessageJson.detail(m, snapshot);
        detail.put("consumeStatus", ConsumeStatusOfMessage.of(context.admin(), snapshot, m));
        return Reply.json(detail);
    }

    private Reply tail(HttpCall call) throws Exception {
        String topic = call.requiredParam("topic");
        lookup.requireTopic(topic);
        if (tails.incrementAndGet() > maxTails) {
            tails.decrementAndGet();
            throw new ApiException(429, maxTails + " live tails are running already (a quarter of "
                    + "consoleWorkerThreads): stop one, or raise consoleWorkerThreads");
        }
        return Reply.events(new LiveTail(context.admin(), context.cluster(), topic, tails));
    }

    private Reply resend(HttpCall call) throws Exception {
        JSONObject body = call.json();
        String group = call.requiredField(body, "group");
        String msgId = call.requiredField(body, "msgId");
        MessageExt m = lookup.byId(body.getString("topic"), msgId).get(0);
        String clientId = body.getString("clientId");
        if (clientId == null || clientId.isBlank()) {
            clientId = anyClientOf(group);
        }
        ConsumeMessageDirectlyResult result = context.admin().consumeMessageDirectly(group, clientId,
                m.getOffsetMsgId());
        return Reply.json(JSONObject.of("group", group, "clientId", clientId, "msgId", m.getMsgId(),
                "consumeResult", String.valueOf(result.getConsumeResult()), "remark", result.getRemark(),
                "spentTimeMillis", result.getSpentTimeMills()));
    }

    private String anyClientOf(String group) throws Exception {
        ConsumerConnection connection;
        try {
            connection = context.admin().examineConsumerConnectionInfo(group);
        } catch (MQBrokerException e) {
            throw ApiException.notFound("group " + group + " has no consumer online to consume the message again ("
                    + e.getErrorMessage() + ")");
        } catch (MQClientException e) {
            if (e.getResponseCode() == AdminResponseCode.TOPIC_NOT_EXIST) {
                throw ApiException.notFound("group " + group + " has no consumer online to consume the message "
                        + "again (no route of its retry topic: no consumer of it ever started)");
            }
            throw e;
        }
        return connection.getConnectionSet().stream().map(c -> c.getClientId()).sorted().findFirst()
                .orElseThrow(() -> ApiException.notFound("group " + group + " has no consumer online to consume "
                        + "the message again"));
    }
}
