package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.SystemTopics;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import io.apogee.console.message.MessageLookup;
import io.apogee.console.message.TraceRecords;
import java.util.ArrayList;
import java.util.List;

/**
 * The Message trace page: {@code GET /api/trace?msgId=[&traceTopic=]} ({@link Role#VIEWER}) finds the trace records
 * of a message in the trace topic ({@code RMQ_SYS_TRACE_TOPIC} unless another is named), whose messages are keyed by
 * the ids they trace, and answers them with the events they tell (publish, each consumption, transaction end). When
 * the trace topic does not exist, or holds nothing about the message, it says so and how trace is turned on.
 */
final class TraceApi implements ApiModule {

    static final String HOW_TO_ENABLE = "trace is written by the clients: enableMsgTrace on the producer and the "
            + "consumer (with a customizedTraceTopic if not RMQ_SYS_TRACE_TOPIC), and traceTopicEnable=true on a "
            + "broker so that it serves RMQ_SYS_TRACE_TOPIC";

    private final Apis.Context context;
    private final MessageLookup lookup;

    TraceApi(Apis.Context context) {
        this.context = context;
        this.lookup = new MessageLookup(context.admin(), context.cluster());
    }

    @Override
    public void register(Router router) {
        router.get("/api/trace", Role.VIEWER, this::trace);
    }

    private Reply trace(HttpCall call) throws Exception {
        String msgId = call.requiredParam("msgId");
        String traceTopic = call.param("traceTopic", SystemTopics.TRACE_TOPIC).trim();
        JSONObject answer = JSONObject.of("msgId", msgId, "traceTopic", traceTopic);
        try {
            lookup.requireTopic(traceTopic);
        } catch (ApiException e) {
            answer.put("traceTopicExists", false);
            answer.put("events", List.of());
            answer.put("hint", "topic " + traceTopic + " does not exist, so no trace is kept: " + HOW_TO_ENABLE);
            return Reply.json(answer);
        }
        List<JSONObject> records = new ArrayList<>();
        for (MessageExt trace : context.admin().queryMessage(traceTopic, msgId, MessageLookup.MAX_BY_KEY, 0,
                System.currentTimeMillis()).getMessageList()) {
            records.addAll(TraceRecords.about(trace, msgId));
        }
        answer.put("traceTopicExists", true);
        answer.put("events", TraceRecords.events(records));
        answer.put("records", records.size());
        if (records.isEmpty()) {
            answer.put("hint", "no trace record of " + msgId + " in " + traceTopic + ": " + HOW_TO_ENABLE);
        }
        return Reply.json(answer);
    }
}
