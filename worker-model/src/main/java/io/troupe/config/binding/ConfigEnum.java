package io.troupe.config.binding;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An enum as it is spelled in YAML: kebab-case by default ({@code LEAKY_RELU -> leaky-relu}). */
public interface ConfigEnum {
  String name();

  @JsonValue
  default String configName() {
    return kebab(name());
  }

  static String kebab(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The YAML spelling of any enum constant, ours or a library's. */
  static String nameOf(Enum<?> e) {
    return e instanceof ConfigEnum c ? c.configName() : kebab(e.name());
  }
}
