package io.apogee.client.consumer;

import io.apogee.client.MQClientException;
import io.apogee.common.consumer.SubscriptionData;

/**
 * What a consumer subscribes to in a topic, as RocketMQ's {@code MessageSelector}: a tag expression
 * ({@link #byTag}) or a SQL92 condition on message properties ({@link #bySql}), which the broker evaluates (it needs
 * {@code enablePropertyFilter=true}).
 */
public final class MessageSelector {

    private final String type;
    private final String expression;

    private MessageSelector(String type, String expression) {
        this.type = type;
        this.expression = expression;
    }

    /**
     * A SQL92 condition on the message's properties, e.g. {@code a > 5 AND TAGS IN ('TagA', 'TagB')}; a message
     * matches when it is TRUE (a missing property makes a comparison unknown, which does not match).
     */
    public static MessageSelector bySql(String sql) {
        return new MessageSelector(SubscriptionData.EXPRESSION_TYPE_SQL92, sql);
    }

    /** A tag expression: {@code *} (or {@code null}) for every message, else tags joined by {@code ||}. */
    public static MessageSelector byTag(String tag) {
        return new MessageSelector(SubscriptionData.EXPRESSION_TYPE_TAG, tag);
    }

    /** {@code TAG} or {@code SQL92}. */
    public String getExpressionType() {
        return type;
    }

    public String getExpression() {
        return expression;
    }

    /** Refuses a SQL92 selector without a condition, as RocketMQ's {@code subscribe} does. */
    void check() throws MQClientException {
        if (!SubscriptionData.EXPRESSION_TYPE_TAG.equals(type) && (expression == null || expression.isBlank())) {
            throw new MQClientException(-1, "subscription exception: Expression can't be null! " + type);
        }
    }

    /** The subscription of {@code topic} this selector stands for. */
    SubscriptionData subscription(String topic) {
        return SubscriptionData.of(topic, type, expression);
    }

    @Override
    public String toString() {
        return type + "(" + expression + ")";
    }
}
