package io.troupe.config.binding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field's default, written as YAML (so {@code "[256, 128]"} or {@code "1.0e-3"}). {@code "null"}
 * makes the field optional and nullable. A field without a default and of a non-record type is
 * required; a record-typed field defaults to that record's own defaults.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  String value();
}
