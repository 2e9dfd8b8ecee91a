package io.troupe.config.binding;

/**
 * A value that writes itself in its YAML form (search domains). Pairs with a static
 * {@code fromConfig(JsonNode, String, Problems)} that reads it back.
 */
public interface ConfigValue {
  Object toConfig();
}
