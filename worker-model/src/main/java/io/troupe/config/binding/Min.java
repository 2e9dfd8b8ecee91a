package io.troupe.config.binding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Lower bound of a number (or of each number in a list); {@code exclusive} makes it strict. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Min {
  double value();

  boolean exclusive() default false;
}
