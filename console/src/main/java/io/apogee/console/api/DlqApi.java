package io.apogee.console.api;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.SystemTopics;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import io.apogee.console.message.DeadLetterExport;
import io.apogee.console.message.DeadLetterResender;
import io.apogee.console.message.MessageFilter;
import io.apogee.console.message.MessageLookup;
import io.apogee.console.message.MessageReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Dead letters page: {@code GET /api/dlq?group=[&begin=&end=]} pages a group's {@code %DLQ%} messages, newest
 * first (filters as on the Messages page); {@code GET /api/dlq/export?group=&format=json|csv} downloads what that
 * read finds, bodies included ({@link Role#VIEWER}); {@code POST /api/dlq/resend} with {@code group}, {@code msgIds}
 * and {@code target} ({@code TOPIC} or {@code RETRY}) sends each again and answers a result per message
 * ({@link Role#OPERATOR}).
 */
final class DlqApi implements ApiModule {

    /** Messages one resend request handles at most. */
    static final int MAX_RESEND = 100;

    private final Apis.Context context;
    private final MessageReader reader;
    private final MessageLookup lookup;
    private final DeadLetterResender resender;

    DlqApi(Apis.Context context) {
        this.context = context;
        this.reader = new MessageReader(context.admin());
        this.lookup = new MessageLookup(context.admin(), context.cluster());
        this.resender = new DeadLetterResender(context.config().namesrvAddr(), context.admin().getInstanceName());
    }

    @Override
    public void register(Router router) {
        router.get("/api/dlq", Role.VIEWER, this::list)
                .get("/api/dlq/export", Role.VIEWER, this::export)
                .post("/api/dlq/resend", Role.OPERATOR, this::resend);
    }

    @Override
    public void close() {
        resender.close();
    }

    private Reply list(HttpCall call) throws Exception {
        String group = call.requiredParam("group");
        return Reply.json(MessageApi.rangePage(read(call, group), call, context));
    }

    private Reply export(HttpCall call) throws Exception {
        String group = call.requiredParam("group");
        String format = call.param("format", "json").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiException.badRequest("format must be json or csv, was '" + format + "'");
        }
        List<MessageExt> messages = read(call, group).matched();
        String file = "dlq-" + group.replaceAll("[^A-Za-z0-9_-]", "_") + "." + format;
        Reply reply = format.equals("csv")
                ? Reply.text(200, "text/csv; charset=utf-8", DeadLetterExport.csv(messages))
                : Reply.text(200, Reply.JSON_TYPE, DeadLetterExport.json(messages));
        return reply.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    private MessageReader.Result read(HttpCall call, String group) throws Exception {
        TimeRange range = TimeRange.optional(call);
        MessageFilter filter = MessageFilter.of(call);
        return reader.read(dlqTopic(group), range.begin(), range.end(), filter);
    }

    private Reply resend(HttpCall call) throws Exception {
        JSONObject body = call.json();
        String group = call.requiredField(body, "group");
        String dlq = dlqTopic(group);
        DeadLetterResender.Target target = target(body.getString("target"));
        JSONArray ids = body.getJSONArray("msgIds");
        if (ids == null || ids.isEmpty()) {
            throw ApiException.badRequest("field 'msgIds' must be a non-empty array of message ids");
        }
        if (ids.size() > MAX_RESEND) {
            throw ApiException.badRequest("field 'msgIds' holds " + ids.size() + " ids; at most " + MAX_RESEND
                    + " are resent per request");
        }
        List<JSONObject> results = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.getString(i);
            results.add(resendOne(dlq, group, id == null ? "" : id.trim(), target));
        }
        long ok = results.stream().filter(r -> r.getBooleanValue("ok")).count();
        return Reply.json(JSONObject.of("group", group, "target", target.name(), "ok", ok, "failed",
                results.size() - ok, "results", results));
    }

    private JSONObject resendOne(String dlq, String group, String id, DeadLetterResender.Target target)
            throws Exception {
        List<MessageExt> found;
        try {
            found = lookup.byId(dlq, id);
        } catch (ApiException e) {
            return JSONObject.of("msgId", id, "ok", false, "error", e.getMessage());
        }
        MessageExt dead = found.stream().filter(m -> m.getTopic().equals(dlq)).findFirst().orElse(null);
        if (dead == null) {
            return JSONObject.of("msgId", id, "ok", false, "error", "message " + id + " is no dead letter of group "
                    + group + " (it is in " + found.get(0).getTopic() + ")");
        }
        return resender.resend(dead, group, target);
    }

    private static DeadLetterResender.Target target(String value) {
        if (value == null || value.isBlank()) {
            return DeadLetterResender.Target.TOPIC;
        }
        try {
            return DeadLetterResender.Target.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("field 'target' must be TOPIC (the original topic) or RETRY (the group's "
                    + "retry topic), was '" + value + "'");
        }
    }

    private String dlqTopic(String group) throws Exception {
        String topic = SystemTopics.dlqTopic(group);
        try {
            lookup.requireTopic(topic);
        } catch (ApiException e) {
            throw ApiException.notFound("group " + group + " has no dead letters: topic " + topic + " does not exist "
                    + "(a group's dead-letter topic is created with its first dead letter)");
        }
        return topic;
    }
}
