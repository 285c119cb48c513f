package io.apogee.console.message;

import io.apogee.common.message.MessageExt;
import io.apogee.console.http.HttpCall;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * The filters of the Messages and Dead letters pages, applied to the messages a request reads: {@code tag} (the
 * message's tag, exactly), {@code key} (one of its keys), {@code property} ({@code name} present, or
 * {@code name=value}) and {@code body} (text the UTF-8 body contains). Absent criteria match everything.
 */
public record MessageFilter(String tag, String key, String propertyName, String propertyValue, String bodyText)
        implements Predicate<MessageExt> {

    /** Matches every message. */
    public static final MessageFilter NONE = new MessageFilter(null, null, null, null, null);

    /** The filter that {@code call}'s parameters {@code tag}, {@code key}, {@code property}, {@code body} ask for. */
    public static MessageFilter of(HttpCall call) {
        String property = call.param("property", null);
        String name = null;
        String value = null;
        if (property != null) {
            int eq = property.indexOf('=');
            name = (eq < 0 ? property : property.substring(0, eq)).trim();
            value = eq < 0 ? null : property.substring(eq + 1);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("property must be name or name=value, was '" + property + "'");
            }
        }
        return new MessageFilter(call.param("tag", null), call.param("key", null), name, value,
                call.param("body", null));
    }

    @Override
    public boolean test(MessageExt m) {
        if (tag != null && !tag.equals(m.getTags())) {
            return false;
        }
        if (key != null && !m.getKeyList().contains(key)) {
            return false;
        }
        if (propertyName != null) {
            String actual = m.getProperty(propertyName);
            if (actual == null || propertyValue != null && !propertyValue.equals(actual)) {
                return false;
            }
        }
        return bodyText == null || m.getBody() != null
                && new String(m.getBody(), StandardCharsets.UTF_8).contains(bodyText);
    }
}
