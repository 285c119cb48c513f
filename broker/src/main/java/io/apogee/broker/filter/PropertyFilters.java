package io.apogee.broker.filter;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.store.MessageFilter;
import java.util.function.Supplier;

/**
 * Serves the subscriptions that are not tag expressions (RocketMQ's {@code ExpressionType}: SQL92): refused unless
 * {@code enablePropertyFilter=true}, compiled once per distinct expression, and turned into the store's read filter.
 * Pulls and CHECK_CLIENT_CONFIG answer with the same codes and remarks.
 */
public final class PropertyFilters {

    /**
     * A subscription's read filter, or why it is refused.
     *
     * @param filter what to read with, {@code null} when refused
     * @param code   SUCCESS, or the response code of the refusal
     * @param remark the refusal's remark
     */
    public record Outcome(MessageFilter filter, int code, String remark) {

        static Outcome refused(int code, String remark) {
            return new Outcome(null, code, remark);
        }
    }

    private final Supplier<BrokerConfig> config;
    private final SqlFilterCache cache = new SqlFilterCache();

    /** @param config the broker's settings in force ({@code enablePropertyFilter} is read per use) */
    public PropertyFilters(Supplier<BrokerConfig> config) {
        this.config = config;
    }

    /** Whether {@code expressionType} names a tag expression, as RocketMQ reads it: null, empty or TAG. */
    public static boolean isTagType(String expressionType) {
        return expressionType == null || expressionType.isEmpty()
                || SubscriptionData.EXPRESSION_TYPE_TAG.equals(expressionType);
    }

    /**
     * The read filter of a subscription that is not a tag one: SYSTEM_ERROR with RocketMQ's remark while
     * {@code enablePropertyFilter} is off, SUBSCRIPTION_PARSE_FAILED for an unknown type or an expression that does
     * not compile, saying where and why.
     */
    public Outcome compile(String expressionType, String expression) {
        if (!config.get().isEnablePropertyFilter()) {
            return Outcome.refused(ResponseCode.SYSTEM_ERROR, "The broker does not support consumer to filter"
                    + " message by " + expressionType + ": set enablePropertyFilter=true in the broker's"
                    + " configuration to serve it");
        }
        if (!SubscriptionData.EXPRESSION_TYPE_SQL92.equals(expressionType)) {
            return Outcome.refused(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "unknown expression type "
                    + expressionType + ": the broker filters by TAG or SQL92");
        }
        SqlFilterCache.Compiled compiled = cache.compile(expression);
        if (compiled.error() != null) {
            return Outcome.refused(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "the SQL92 expression \"" + expression
                    + "\" does not compile: " + compiled.error());
        }
        return new Outcome(compiled.filter(), ResponseCode.SUCCESS, null);
    }
}
