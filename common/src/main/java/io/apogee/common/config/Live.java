package io.apogee.common.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config key (a field) whose readers read the {@link Published#get() published snapshot} on every use, so a
 * runtime update of it takes effect at once. Every other key is read once at start (ports, paths, thread counts, loop
 * intervals): an update of it is validated, published and persisted like any other, but takes effect at the next
 * start, and the update's answer and log say so. Mark a key only when every reader of it reads the current snapshot.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Live {
}
