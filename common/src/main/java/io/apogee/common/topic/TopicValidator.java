package io.apogee.common.topic;

/** RocketMQ's rules for topic and group names: {@code ^[%|a-zA-Z0-9_-]+$}, at most 127 characters. */
public final class TopicValidator {

    /** Longest topic name: its length is one signed byte in the stored message. */
    public static final int TOPIC_MAX_LENGTH = 127;

    private TopicValidator() {
    }

    /** The reason {@code topic} is not a valid name, in RocketMQ's words, or {@code null} when it is valid. */
    public static String problemWith(String topic) {
        if (topic == null || topic.isBlank()) {
            return "The specified topic is blank.";
        }
        if (!hasValidCharacters(topic)) {
            return "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$";
        }
        if (topic.length() > TOPIC_MAX_LENGTH) {
            return "The specified topic is longer than topic max length.";
        }
        return null;
    }

    private static boolean hasValidCharacters(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '%'
                    || c == '|' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
