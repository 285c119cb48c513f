package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.common.admin.ProducerConnection;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;

/**
 * The Producers page: {@code GET /api/producers?group=&topic=} lists the online producers of a group on the brokers
 * of a topic (client id, address, language, version).
 */
final class ProducerApi implements ApiModule {

    private final Apis.Context context;

    ProducerApi(Apis.Context context) {
        this.context = context;
    }

    @Override
    public void register(Router router) {
        router.get("/api/producers", Role.VIEWER, this::connections);
    }

    private Reply connections(HttpCall call) throws Exception {
        String group = call.requiredParam("group");
        String topic = call.requiredParam("topic");
        TopicLookup.route(context.admin(), topic);
        ProducerConnection connection;
        try {
            connection = context.admin().examineProducerConnectionInfo(group, topic);
        } catch (MQBrokerException e) {
            if (e.getErrorMessage() == null || !e.getErrorMessage().contains("not exist")) {
                throw e;
            }
            throw ApiException.notFound("no producer of group " + group + " is online on the brokers of topic "
                    + topic + " (broker said: " + e.getErrorMessage() + ")");
        }
        return Reply.json(JSONObject.of("group", group, "topic", topic, "clients",
                ConsumerViews.clients(connection.getConnectionSet())));
    }
}
