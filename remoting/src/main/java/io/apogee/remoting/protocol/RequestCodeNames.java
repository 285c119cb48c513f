package io.apogee.remoting.protocol;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** RocketMQ's names of the request codes ({@code GET_BROKER_CLUSTER_INFO} for 106), for messages and logs. */
public final class RequestCodeNames {

    private static final Map<Integer, String> NAMES = names();

    private RequestCodeNames() {
    }

    /** The code's name in {@link RequestCode}, or {@code request code <n>} for a code it does not define. */
    public static String of(int code) {
        String name = NAMES.get(code);
        return name != null ? name : "request code " + code;
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : RequestCode.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                try {
                    names.putIfAbsent(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("RequestCode." + field.getName() + " is not readable", e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
