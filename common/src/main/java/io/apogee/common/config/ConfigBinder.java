package io.apogee.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Fills config objects from properties, using RocketMQ's key names: a key binds to the non-static, non-transient field
 * of the same name (declared in the class or a superclass). Supported field types are {@code String}, {@code int},
 * {@code long}, {@code boolean}, {@code double} (and their boxes) and enums (by constant name, case-insensitive).
 *
 * <p>This is the one way config objects get their values ("conclude" in Aeron's words): a fresh object is bound, then
 * {@link Validated#validate() validated}, then published and never changed again (config classes have getters only).
 * A runtime change is {@link #copyWith a validated copy}, published in place of the old snapshot.
 */
public final class ConfigBinder {

    private ConfigBinder() {
    }

    /**
     * Binds every key of {@code properties} that names a field of {@code config}, then validates it when it is
     * {@link Validated}. Meant for a fresh object, before it is published; several config objects may share one
     * properties set, each taking the keys it declares.
     *
     * @return the keys that name no field, sorted, for the caller to warn about
     * @throws ConfigException naming the key whose value does not parse or does not validate
     */
    public static Set<String> bind(Properties properties, Object config) {
        Map<String, Field> fields = fieldsOf(config.getClass());
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Field field = fields.get(key);
            if (field == null) {
                unknown.add(key);
                continue;
            }
            set(config, field, properties.getProperty(key).trim());
        }
        if (config instanceof Validated validated) {
            validated.validate();
        }
        return unknown;
    }

    /**
     * A new, validated config from {@code properties}, for embedded users and tests: every key must be one of the
     * config's.
     *
     * @throws ConfigException naming an unknown key, or the key whose value does not parse or does not validate
     */
    public static <T> T conclude(Supplier<T> factory, Properties properties) {
        T config = factory.get();
        Set<String> unknown = bind(properties, config);
        if (!unknown.isEmpty()) {
            throw unknownKey(unknown.iterator().next());
        }
        return config;
    }

    /** As {@link #conclude(Supplier, Properties)}, from keys and values given as a map (values by {@code toString}). */
    public static <T> T conclude(Supplier<T> factory, Map<String, ?> keys) {
        Properties properties = new Properties();
        keys.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        return conclude(factory, properties);
    }

    /**
     * A copy of {@code config} with the keys of {@code changes} that it declares bound over it, validated; keys it
     * does not declare are left to the other configs sharing {@code changes}. {@code config} itself is not touched.
     *
     * @throws ConfigException naming the key whose value does not parse or does not validate
     */
    public static <T> T copyWith(T config, Properties changes) {
        @SuppressWarnings("unchecked")
        T copy = (T) newInstance(config.getClass());
        Map<String, Field> fields = fieldsOf(config.getClass());
        try {
            for (Field field : fields.values()) {
                field.set(copy, field.get(config));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot copy config " + config.getClass().getName(), e);
        }
        Properties own = new Properties();
        for (String key : changes.stringPropertyNames()) {
            if (fields.containsKey(key)) {
                own.setProperty(key, changes.getProperty(key));
            }
        }
        bind(own, copy);
        return copy;
    }

    /** The keys a config class declares, in declaration order. */
    public static Set<String> keys(Class<?> type) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(fieldsOf(type).keySet()));
    }

    /** The keys of {@code type} not marked {@link Live}: read once at start, so a runtime change waits for a restart. */
    public static Set<String> readAtStart(Class<?> type) {
        Set<String> keys = new LinkedHashSet<>();
        for (Field field : fieldsOf(type).values()) {
            if (!field.isAnnotationPresent(Live.class)) {
                keys.add(field.getName());
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    /** The refusal of a key no config declares. */
    public static ConfigException unknownKey(String key) {
        return new ConfigException(key, "unknown config key");
    }

    /** Every key of {@code config} with its current value, in declaration order (nulls as empty strings). */
    public static Map<String, String> toMap(Object config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field field : fieldsOf(config.getClass()).values()) {
            try {
                Object value = field.get(config);
                out.put(field.getName(), value == null ? "" : value.toString());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read config field " + field.getName(), e);
            }
        }
        return out;
    }

    /** Renders {@link #toMap} as {@code key=value} lines, as {@code -p} prints it. */
    public static String render(Object config) {
        StringBuilder sb = new StringBuilder();
        toMap(config).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /**
     * Loads a properties file (UTF-8).
     *
     * @throws ConfigException when the file is missing or unreadable, naming the path
     */
    public static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, "config file not found: " + file.toAbsolutePath());
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(null, "cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        return properties;
    }

    /**
     * Parses properties text, as UPDATE_BROKER_CONFIG and UPDATE_NAMESRV_CONFIG carry it.
     *
     * @throws ConfigException when it is not properties text (a malformed unicode escape)
     */
    public static Properties parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(null, "not properties text: " + e.getMessage());
        }
        return properties;
    }

    private static Object newInstance(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("config class " + type.getName() + " needs a no-argument constructor", e);
        }
    }

    private static Map<String, Field> fieldsOf(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c : chain) {
            for (Field field : c.getDeclaredFields()) {
                int mod = field.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || field.isSynthetic()) {
                    continue;
                }
                field.setAccessible(true);
                fields.put(field.getName(), field);
            }
        }
        return fields;
    }

    private static void set(Object config, Field field, String raw) {
        try {
            field.set(config, parse(field.getType(), raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field.getName(), "invalid value '" + raw + "': " + e.getMessage());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write config field " + field.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String raw) {
        if (type == String.class) {
            return raw;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(raw);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(raw);
        }
        if (type == double.class || type == Double.class) {
            return Double.parseDouble(raw);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (raw.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (raw.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("expected true or false");
        }
        if (type.isEnum()) {
            try {
                return Enum.valueOf((Class<Enum>) type, raw.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected one of " + Arrays.toString(type.getEnumConstants()));
            }
        }
        throw new IllegalArgumentException("unsupported config type " + type.getSimpleName());
    }
}
