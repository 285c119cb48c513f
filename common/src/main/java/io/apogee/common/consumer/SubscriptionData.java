package io.apogee.common.consumer;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One topic subscription of a consumer group: the expression and, for tag expressions, the parsed tags and their
 * hash codes (what consume-queue entries carry).
 */
public class SubscriptionData {

    /** The subscription expression that matches every message. */
    public static final String SUB_ALL = "*";
    /** Expression type of tag expressions ({@code TagA || TagB}). */
    public static final String EXPRESSION_TYPE_TAG = "TAG";
    /** Expression type of SQL92 property filters. */
    public static final String EXPRESSION_TYPE_SQL92 = "SQL92";

    private boolean classFilterMode;
    private String topic;
    private String subString;
    private Set<String> tagsSet = new LinkedHashSet<>();
    private Set<Integer> codeSet = new LinkedHashSet<>();
    private long subVersion = System.currentTimeMillis();
    private String expressionType = EXPRESSION_TYPE_TAG;

    /**
     * A tag subscription: {@code null}, empty or {@code *} matches everything, otherwise tags separated by
     * {@code ||} (blanks around tags ignored).
     */
    public static SubscriptionData ofTags(String topic, String expression) {
        SubscriptionData data = new SubscriptionData();
        data.topic = topic;
        if (expression == null || expression.isBlank() || SUB_ALL.equals(expression.trim())) {
            data.subString = SUB_ALL;
            return data;
        }
        data.subString = expression;
        for (String tag : expression.split("\\|\\|")) {
            String trimmed = tag.trim();
            if (!trimmed.isEmpty()) {
                data.tagsSet.add(trimmed);
                data.codeSet.add(trimmed.hashCode());
            }
        }
        return data;
    }

    /**
     * A subscription by an expression of {@code expressionType}: {@link #ofTags} for {@code TAG} (or {@code null}),
     * else the expression as it is (a {@code SQL92} condition, which the broker evaluates), without tags.
     */
    public static SubscriptionData of(String topic, String expressionType, String expression) {
        if (expressionType == null || EXPRESSION_TYPE_TAG.equals(expressionType)) {
            return ofTags(topic, expression);
        }
        SubscriptionData data = new SubscriptionData();
        data.topic = topic;
        data.subString = expression;
        data.expressionType = expressionType;
        return data;
    }

    /** Whether a message with {@code tag} passes this subscription's tag filter. */
    public boolean matchesTag(String tag) {
        if (!EXPRESSION_TYPE_TAG.equals(expressionType) || SUB_ALL.equals(subString) || tagsSet.isEmpty()) {
            return true;
        }
        return tag != null && tagsSet.contains(tag);
    }

    public boolean isClassFilterMode() {
        return classFilterMode;
    }

    public void setClassFilterMode(boolean classFilterMode) {
        this.classFilterMode = classFilterMode;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getSubString() {
        return subString;
    }

    public void setSubString(String subString) {
        this.subString = subString;
    }

    public Set<String> getTagsSet() {
        return tagsSet;
    }

    public void setTagsSet(Set<String> tagsSet) {
        this.tagsSet = tagsSet;
    }

    public Set<Integer> getCodeSet() {
        return codeSet;
    }

    public void setCodeSet(Set<Integer> codeSet) {
        this.codeSet = codeSet;
    }

    public long getSubVersion() {
        return subVersion;
    }

    public void setSubVersion(long subVersion) {
        this.subVersion = subVersion;
    }

    public String getExpressionType() {
        return expressionType;
    }

    public void setExpressionType(String expressionType) {
        this.expressionType = expressionType;
    }

    /** Equality ignores {@code subVersion}, like RocketMQ's: a re-subscription with the same filter is the same. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionData s && classFilterMode == s.classFilterMode
                && Objects.equals(topic, s.topic) && Objects.equals(subString, s.subString)
                && Objects.equals(tagsSet, s.tagsSet) && Objects.equals(codeSet, s.codeSet)
                && Objects.equals(expressionType, s.expressionType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classFilterMode, topic, subString, tagsSet, codeSet, expressionType);
    }

    @Override
    public String toString() {
        return "SubscriptionData[topic=" + topic + ", subString=" + subString + ", type=" + expressionType
                + ", subVersion=" + subVersion + "]";
    }
}
