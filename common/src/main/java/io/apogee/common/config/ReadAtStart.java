package io.apogee.common.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config key (a field), or every key of a config class, that its component reads once at start (ports, paths,
 * thread counts, loop intervals). A runtime update of such a key is validated, published and persisted like any other,
 * but takes effect at the next start; the update's answer and log say so. Keys without it are read through
 * {@link Published#get()} on every use and take effect at once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.TYPE})
public @interface ReadAtStart {
}
