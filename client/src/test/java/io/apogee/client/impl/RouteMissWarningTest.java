package io.apogee.client.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.apogee.client.ClientConfig;
import io.apogee.client.impl.api.NamesrvApi;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.common.route.BrokerData;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A topic without a route is warned about once, with its explanation, however often it is looked up (a push
 * consumer does at every rebalance and route poll); again only after a route was found in between. A NameServer
 * that stays down is warned once too.
 */
class RouteMissWarningTest {

    private static final String TOPIC = "RouteMissTopic";

    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(MQClientInstance.class),
            (Logger) LoggerFactory.getLogger(NamesrvApi.class));
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private MQClientInstance instance;

    @BeforeEach
    void listen() {
        appender.start();
        loggers.forEach(l -> l.addAppender(appender));
    }

    @AfterEach
    void stop() {
        loggers.forEach(l -> l.detachAppender(appender));
        if (instance != null) {
            instance.shutdownIfUnused();
        }
    }

    private MQClientInstance start(String namesrvAddr) throws Exception {
        ClientConfig config = ClientConfigs.using(new ClientConfig(), namesrvAddr);
        instance = new MQClientInstance(config, config.buildMQClientId(), () -> { });
        instance.start();
        return instance;
    }

    /** What the client instance warned. */
    private List<String> warnings() {
        return warnings(MQClientInstance.class);
    }

    private List<String> warnings(Class<?> source) {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN
                && e.getLoggerName().equals(source.getName())).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aMissingTopicIsWarnedOncePerOutageWithTheNameServersAskedAndTheFix() throws Exception {
        FakeNamesrv namesrv = new FakeNamesrv();
        MQClientInstance instance = start(namesrv.address());
        try {
            for (int i = 0; i < 5; i++) {
                assertFalse(instance.updateTopicRoute(TOPIC));
            }
            assertEquals(1, warnings().size(), "once, not per lookup: " + warnings());
            String line = warnings().get(0);
            assertTrue(line.startsWith("No route info of this topic: " + TOPIC + ". The NameServers ["
                    + namesrv.address() + "] answered: topic not found"), line);
            assertTrue(line.contains("mqadmin updateTopic -n '" + namesrv.address() + "' -c <cluster> -t " + TOPIC),
                    line);

            namesrv.putRoute(TOPIC, FakeNamesrv.route(4, Map.of("broker-a",
                    Map.of(BrokerData.MASTER_ID, "127.0.0.1:10911"))));
            assertTrue(instance.updateTopicRoute(TOPIC));
            assertEquals(1, warnings().size(), warnings().toString());
        } finally {
            namesrv.close();
        }
        for (int i = 0; i < 3; i++) {
            assertFalse(instance.updateTopicRoute(TOPIC));
        }
        assertEquals(2, warnings().size(), "once more after the route was found in between: " + warnings());
        String again = warnings().get(1);
        assertTrue(again.startsWith("route of topic " + TOPIC + " not refreshed, keeping the cached one: no NameServer"
                + " of [" + namesrv.address() + "] answered GET_ROUTEINFO_BY_TOPIC"), again);
    }

    @Test
    void unreachableNameServersAreWarnedOnceNamingTheAddress() throws Exception {
        String addr;
        try (ServerSocket socket = new ServerSocket(0)) {
            addr = "127.0.0.1:" + socket.getLocalPort();
        }
        MQClientInstance instance = start(addr);
        for (int i = 0; i < 4; i++) {
            assertFalse(instance.updateTopicRoute(TOPIC));
        }
        assertEquals(1, warnings().size(), "once, not per lookup: " + warnings());
        String line = warnings().get(0);
        assertTrue(line.startsWith("No route info of this topic: " + TOPIC + ". The NameServers were not reached")
                && line.contains("connection refused, nothing listens at " + addr)
                && line.contains("check namesrvAddr '" + addr + "'"), line);
        List<String> namesrvWarnings = warnings(NamesrvApi.class);
        assertEquals(1, namesrvWarnings.size(), "the NameServer that stays down is warned once: " + namesrvWarnings);
        assertTrue(namesrvWarnings.get(0).startsWith("NameServer " + addr + " failed GET_ROUTEINFO_BY_TOPIC"),
                namesrvWarnings.get(0));
    }
}
