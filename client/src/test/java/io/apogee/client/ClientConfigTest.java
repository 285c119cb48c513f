package io.apogee.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.common.admin.Connection;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.protocol.LanguageCode;
import io.apogee.testsupport.TestCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RocketMQ's {@code ClientConfig} settings beyond addresses and names: defaults, copies and what reaches a broker. */
class ClientConfigTest {

    @Test
    void defaultsAreRocketMqsAndCopiesCarryEverySetting() {
        ClientConfig config = new ClientConfig();
        assertEquals(1_000, config.getPullTimeDelayMillsWhenException());
        assertFalse(config.isUnitMode());
        assertEquals(LanguageCode.JAVA, config.getLanguage());
        assertEquals(AccessChannel.LOCAL, config.getAccessChannel());
        assertFalse(config.isEnableStreamRequestType());

        config.setPullTimeDelayMillsWhenException(2_500);
        config.setAccessChannel(AccessChannel.CLOUD);
        config.setEnableStreamRequestType(true);
        config.setUnitMode(true);
        config.setLanguage(LanguageCode.GO);
        ClientConfig copy = config.cloneClientConfig();
        assertEquals(2_500, copy.getPullTimeDelayMillsWhenException());
        assertTrue(copy.isUnitMode());
        assertEquals(LanguageCode.GO, copy.getLanguage());
        assertEquals(AccessChannel.CLOUD, copy.getAccessChannel());
        assertTrue(copy.isEnableStreamRequestType());
    }

    @Test
    void theBrokerListsTheAnnouncedLanguageAndRunningInfoTheResizedConsumePool() throws Exception {
        try (TestCluster cluster = TestCluster.builder().start()) {
            DefaultMQAdminExt admin = new DefaultMQAdminExt();
            admin.setNamesrvAddr(cluster.namesrvAddr());
            admin.setInstanceName("ClientConfigAdmin");
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("config-language");
            consumer.setNamesrvAddr(cluster.namesrvAddr());
            consumer.setInstanceName("ClientConfigPush");
            consumer.setLanguage(LanguageCode.GO);
            consumer.setUnitMode(true);
            consumer.subscribe("ConfigTopic", "*");
            consumer.registerMessageListener(
                    (MessageListenerConcurrently) (msgs, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
            admin.start();
            admin.createTopic("TBW102", "ConfigTopic", 4);
            consumer.start();
            try {
                ConsumerConnection connection = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> admin.examineConsumerConnectionInfo("config-language"),
                                c -> c != null && !c.getConnectionSet().isEmpty());
                for (Connection c : connection.getConnectionSet()) {
                    assertEquals(LanguageCode.GO, c.getLanguage(), "language of " + c.getClientId());
                }
                String clientId = connection.getConnectionSet().iterator().next().getClientId();
                assertEquals("20", coreSize(admin, clientId));
                consumer.updateCorePoolSize(5);
                assertEquals("5", coreSize(admin, clientId));
                consumer.updateCorePoolSize(64);
                assertEquals("5", coreSize(admin, clientId), "not below consumeThreadMax: ignored, as RocketMQ does");
            } finally {
                consumer.shutdown();
                admin.shutdown();
            }
        }
        DefaultMQPushConsumer idle = new DefaultMQPushConsumer("config-idle");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> idle.updateCorePoolSize(4));
        assertTrue(e.getMessage().contains("consumeThreadMin"), e.getMessage());
    }

    private static String coreSize(DefaultMQAdminExt admin, String clientId) throws Exception {
        return admin.getConsumerRunningInfo("config-language", clientId, false).getProperties()
                .get("PROP_THREADPOOL_CORE_SIZE");
    }
}
