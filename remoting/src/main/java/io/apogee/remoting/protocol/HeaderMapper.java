package io.apogee.remoting.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps custom headers to and from extFields the way RocketMQ does: one key per field (superclass fields included)
 * named exactly as the field, values as decimal / {@code true}/{@code false} strings, null fields omitted.
 * Field layouts are computed once per class.
 */
public final class HeaderMapper {

    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return Layout.of(type);
        }
    };

    private HeaderMapper() {
    }

    /** Writes every non-null field of {@code header} into {@code extFields}. */
    public static void toExtFields(CommandCustomHeader header, Map<String, String> extFields) {
        for (Slot slot : LAYOUTS.get(header.getClass()).slots) {
            Object value = slot.get(header);
            if (value != null) {
                extFields.put(slot.name, value.toString());
            }
        }
    }

    /**
     * Builds a header of {@code type} from {@code extFields} (which may be null).
     *
     * @throws RemotingCommandException naming the missing required field or the value that does not parse
     */
    public static <T extends CommandCustomHeader> T fromExtFields(Map<String, String> extFields, Class<T> type)
            throws RemotingCommandException {
        Layout layout = LAYOUTS.get(type);
        T header = type.cast(layout.newInstance());
        Map<String, String> fields = extFields == null ? Map.of() : extFields;
        for (Slot slot : layout.slots) {
            String raw = fields.get(slot.name);
            if (raw == null) {
                if (slot.required) {
                    throw new RemotingCommandException("the custom field <" + slot.name + "> is null");
                }
                continue;
            }
            slot.set(header, raw);
        }
        header.checkFields();
        return header;
    }

    private record Layout(Constructor<?> constructor, Slot[] slots) {

        static Layout of(Class<?> type) {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                chain.add(0, c);
            }
            Map<String, Slot> slots = new HashMap<>();
            List<Slot> ordered = new ArrayList<>();
            for (Class<?> c : chain) {
                for (Field field : c.getDeclaredFields()) {
                    int mod = field.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || field.isSynthetic()
                            || field.getName().startsWith("this")) {
                        continue;
                    }
                    field.setAccessible(true);
                    Slot slot = new Slot(field, field.isAnnotationPresent(Required.class));
                    if (slots.put(slot.name, slot) == null) {
                        ordered.add(slot);
                    }
                }
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                return new Layout(constructor, ordered.toArray(new Slot[0]));
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getName() + " needs a no-argument constructor", e);
            }
        }

        Object newInstance() {
            try {
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + constructor.getDeclaringClass().getName(), e);
            }
        }
    }

    private static final class Slot {
        final Field field;
        final String name;
        final boolean required;
        final Class<?> type;

        Slot(Field field, boolean required) {
            this.field = field;
            this.name = field.getName();
            this.required = required;
            this.type = field.getType();
        }

        Object get(Object target) {
            try {
                return field.get(target);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        void set(Object target, String raw) throws RemotingCommandException {
            try {
                field.set(target, parse(raw));
            } catch (IllegalArgumentException e) {
                throw new RemotingCommandException("the custom field <" + name + "> has an invalid value: " + raw);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        private Object parse(String raw) {
            if (type == String.class) {
                return raw;
            }
            if (type == Integer.class || type == int.class) {
                return Integer.parseInt(raw);
            }
            if (type == Long.class || type == long.class) {
                return Long.parseLong(raw);
            }
            if (type == Boolean.class || type == boolean.class) {
                return Boolean.parseBoolean(raw);
            }
            if (type == Double.class || type == double.class) {
                return Double.parseDouble(raw);
            }
            if (type == Short.class || type == short.class) {
                return Short.parseShort(raw);
            }
            if (type == Byte.class || type == byte.class) {
                return Byte.parseByte(raw);
            }
            throw new IllegalArgumentException("unsupported header field type " + type.getName());
        }
    }
}
