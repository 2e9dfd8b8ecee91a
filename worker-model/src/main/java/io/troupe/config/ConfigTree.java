package io.troupe.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.config.binding.ConfigSchema;
import io.troupe.config.binding.ConfigWriter;
import java.util.List;

/**
 * Sets a value at a config path inside a YAML tree, creating missing sections. The same path
 * addresses a field for --set overrides and for search dimensions.
 */
public final class ConfigTree {
  private ConfigTree() {}

  /** Sets {@code path} to {@code value}; returns null on success or a message saying why not. */
  public static String set(ObjectNode root, String path, JsonNode value) {
    ConfigSchema.Resolution resolution = ConfigSchema.resolve(ExperimentSpec.class, path);
    if (!resolution.isOk()) {
      return resolution.error();
    }
    List<String> segments = resolution.segments();
    ObjectNode node = root;
    for (int i = 0; i < segments.size() - 1; i++) {
      String key = segments.get(i);
      JsonNode child = node.get(key);
      if (child == null || child.isNull()) {
        node = node.putObject(key);
      } else if (child.isObject()) {
        node = (ObjectNode) child;
      } else {
        return String.join(".", segments.subList(0, i + 1)) + " is not a mapping in the config, got " + child;
      }
    }
    node.set(segments.get(segments.size() - 1), value);
    return null;
  }

  /** The value at {@code path}, or a missing node when the path is not a field or has no value there. */
  public static JsonNode get(ObjectNode root, String path) {
    ConfigSchema.Resolution resolution = ConfigSchema.resolve(ExperimentSpec.class, path);
    JsonNode node = root;
    for (String key : resolution.segments()) {
      node = node.path(key);
    }
    return resolution.isOk() ? node : MissingNode.getInstance();
  }

  /** The YAML tree of a spec, as {@link ConfigLoader#toYaml} writes it. */
  public static ObjectNode of(ExperimentSpec spec) {
    return ConfigWriter.toTree(spec);
  }
}
