package io.apogee.common.topic;

/**
 * RocketMQ's namespaces: a client with namespace {@code ns} names topic or group {@code res} {@code ns%res} on the
 * wire, and its retry and dead-letter topics {@code %RETRY%ns%group} and {@code %DLQ%ns%group}. System topics, system
 * groups ({@code CID_RMQ_SYS_*}) and TBW102 are shared by every namespace and never wrapped.
 */
public final class NamespaceUtil {

    /** Between the namespace and the resource. */
    public static final char NAMESPACE_SEPARATOR = '%';
    private static final String SYSTEM_CONSUMER_GROUP_PREFIX = "CID_RMQ_SYS_";

    private NamespaceUtil() {
    }

    /**
     * {@code resource} in {@code namespace}: unchanged when either is empty, the resource is a system one or is
     * already in that namespace; the retry or dead-letter prefix stays in front.
     */
    public static String wrapNamespace(String namespace, String resource) {
        if (isEmpty(namespace) || isEmpty(resource) || isSystemResource(resource)
                || isAlreadyWithNamespace(resource, namespace)) {
            return resource;
        }
        String prefix = prefixOf(resource);
        return prefix + namespace + NAMESPACE_SEPARATOR + resource.substring(prefix.length());
    }

    /** {@code resource} without {@code namespace}, when it is in that namespace; otherwise unchanged. */
    public static String withoutNamespace(String resource, String namespace) {
        if (isEmpty(resource) || isEmpty(namespace) || !isAlreadyWithNamespace(resource, namespace)) {
            return resource;
        }
        String prefix = prefixOf(resource);
        return prefix + resource.substring(prefix.length() + namespace.length() + 1);
    }

    /** {@code resource} without whatever namespace it is in (the text up to the first {@code %} after the prefix). */
    public static String withoutNamespace(String resource) {
        if (isEmpty(resource) || isSystemResource(resource)) {
            return resource;
        }
        String prefix = prefixOf(resource);
        int separator = resource.indexOf(NAMESPACE_SEPARATOR, prefix.length());
        return separator > prefix.length() ? prefix + resource.substring(separator + 1) : resource;
    }

    /** Whether {@code resource} (after any retry or dead-letter prefix) starts with {@code namespace%}. */
    public static boolean isAlreadyWithNamespace(String resource, String namespace) {
        if (isEmpty(namespace) || isEmpty(resource) || isSystemResource(resource)) {
            return false;
        }
        return resource.startsWith(namespace + NAMESPACE_SEPARATOR, prefixOf(resource).length());
    }

    /** The retry topic of {@code group} in {@code namespace}: {@code %RETRY%ns%group}; null for an empty group. */
    public static String wrapNamespaceAndRetry(String namespace, String group) {
        return isEmpty(group) ? null : SystemTopics.RETRY_GROUP_TOPIC_PREFIX + wrapNamespace(namespace, group);
    }

    /** The namespace {@code resource} is in, or the empty string. */
    public static String getNamespaceFromResource(String resource) {
        if (isEmpty(resource) || isSystemResource(resource)) {
            return "";
        }
        String prefix = prefixOf(resource);
        int separator = resource.indexOf(NAMESPACE_SEPARATOR, prefix.length());
        return separator > prefix.length() ? resource.substring(prefix.length(), separator) : "";
    }

    public static boolean isRetryTopic(String resource) {
        return resource != null && resource.startsWith(SystemTopics.RETRY_GROUP_TOPIC_PREFIX);
    }

    public static boolean isDLQTopic(String resource) {
        return resource != null && resource.startsWith(SystemTopics.DLQ_GROUP_TOPIC_PREFIX);
    }

    private static String prefixOf(String resource) {
        if (isRetryTopic(resource)) {
            return SystemTopics.RETRY_GROUP_TOPIC_PREFIX;
        }
        return isDLQTopic(resource) ? SystemTopics.DLQ_GROUP_TOPIC_PREFIX : "";
    }

    private static boolean isSystemResource(String resource) {
        return SystemTopics.isSystemTopic(resource) || resource.startsWith(SYSTEM_CONSUMER_GROUP_PREFIX);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
