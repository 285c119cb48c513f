package io.apogee.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.common.consumer.SubscriptionData;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Selectors as RocketMQ's client takes them: tags or SQL92, a SQL92 one refused at subscribe without a condition. */
class MessageSelectorTest {

    @Test
    void selectorsBecomeTagOrSql92Subscriptions() throws MQClientException {
        SubscriptionData sql = MessageSelector.bySql("a > 1").subscription("T");
        assertEquals("SQL92", sql.getExpressionType());
        assertEquals("a > 1", sql.getSubString());
        SubscriptionData tags = MessageSelector.byTag("A || B").subscription("T");
        assertEquals("TAG", tags.getExpressionType());
        assertEquals(2, tags.getCodeSet().size());
        assertEquals("*", MessageSelector.byTag(null).subscription("T").getSubString());

        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("g");
        consumer.subscribe("T", MessageSelector.bySql("a > 1"));
        consumer.subscribe("U", (MessageSelector) null);
        assertEquals(Map.of("T", "a > 1", "U", "*"), consumer.getSubscription());
    }

    @Test
    void aSql92SelectorWithoutAConditionIsRefusedAtSubscribe() {
        MQClientException push = assertThrows(MQClientException.class,
                () -> new DefaultMQPushConsumer("g").subscribe("T", MessageSelector.bySql(" ")));
        assertTrue(push.getMessage().contains("Expression can't be null! SQL92"), push.getMessage());
        assertThrows(MQClientException.class,
                () -> new DefaultLitePullConsumer("g").subscribe("T", MessageSelector.bySql(null)));
    }
}
