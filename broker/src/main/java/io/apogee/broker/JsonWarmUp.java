package io.apogee.broker;

import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.body.DataVersion;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBodyCodec;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import java.util.List;
import java.util.Map;

/**
 * Has fastjson2 generate its writers for the registration body on a daemon thread while the broker opens its store
 * and binds its ports: generating them (bytecode for RegisterBrokerBody, TopicConfig, DataVersion) otherwise takes
 * a third of a second of a loaded 2-core machine just before the first REGISTER_BROKER is sent.
 */
final class JsonWarmUp {

    private JsonWarmUp() {
    }

    /** Starts the warm-up; it ends by itself and holds nothing. */
    static void start() {
        Thread thread = new Thread(JsonWarmUp::encodeSample, "ApogeeJsonWarmUp");
        thread.setDaemon(true);
        thread.start();
    }

    private static void encodeSample() {
        TopicConfig topic = TopicConfig.withDefaults("ApogeeJsonWarmUp");
        RegisterBrokerBodyCodec.encode(new RegisterBrokerBody(new TopicConfigSerializeWrapper(
                Map.of(topic.getTopicName(), topic), new DataVersion(0, 0)), List.of()), false);
    }
}
