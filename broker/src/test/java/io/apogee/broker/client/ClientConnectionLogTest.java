package io.apogee.broker.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.protocol.LanguageCode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Each client connect and disconnect is one INFO line with its id, version, group and address; heartbeats none. */
class ClientConnectionLogTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(ConsumerManager.class),
            (Logger) LoggerFactory.getLogger(ProducerManager.class));
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @BeforeEach
    void attach() {
        appender.start();
        loggers.forEach(l -> {
            l.setLevel(Level.INFO);
            l.addAppender(appender);
        });
    }

    @AfterEach
    void detach() {
        loggers.forEach(l -> {
            l.detachAppender(appender);
            l.setLevel(null);
        });
        channel.close();
    }

    @Test
    void connectAndDisconnectAreLoggedOnceEach() {
        ConsumerManager consumers = new ConsumerManager(info -> { });
        ProducerManager producers = new ProducerManager();
        ClientChannelInfo client = new ClientChannelInfo(channel, "10.0.0.9@app", LanguageCode.JAVA, 417);
        for (int heartbeat = 0; heartbeat < 3; heartbeat++) {
            consumers.register("cg", client, ConsumeType.CONSUME_PASSIVELY, MessageModel.CLUSTERING,
                    ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET, Set.of());
            producers.register("pg", client);
        }
        consumers.onChannelClosed(channel);
        producers.onChannelClosed(channel);

        List<String> lines = appender.list.stream().filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(4, lines.size(), lines.toString());
        String address = String.valueOf(channel.remoteAddress());
        assertTrue(lines.contains("consumer 10.0.0.9@app (JAVA version 417) of group cg connected from " + address),
                lines.toString());
        assertTrue(lines.contains("producer 10.0.0.9@app (JAVA version 417) of group pg connected from " + address),
                lines.toString());
        assertTrue(lines.contains("consumer 10.0.0.9@app of group cg at " + address + " disconnected"),
                lines.toString());
        assertTrue(lines.contains("producer 10.0.0.9@app of group pg at " + address + " disconnected"),
                lines.toString());
    }
}
