package io.troupe.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.config.binding.Problems;
import io.troupe.config.binding.Yaml;

/**
 * One {@code --set path=value} from the command line. The value is read as YAML, so
 * {@code model.hidden=[512,256]} and {@code train.optimizer.type=sgd} both work.
 */
public record ConfigOverride(String path, JsonNode value, String text) {

  /** Parses "path=value"; reports a malformed override and returns null. */
  public static ConfigOverride parse(String text, Problems problems) {
    String where = "--set " + text;
    int eq = text.indexOf('=');
    if (eq <= 0) {
      problems.add(where, "expected path=value, e.g. train.optimizer.lr=0.01");
      return null;
    }
    String path = text.substring(0, eq).trim();
    String valueText = text.substring(eq + 1);
    if (valueText.isBlank()) {
      problems.add(where, "empty value; write path=null to clear an optional field");
      return null;
    }
    try {
      JsonNode value = Yaml.parse(valueText);
      return new ConfigOverride(path, value, text);
    } catch (JsonProcessingException e) {
      problems.add(where, "value is not valid YAML: " + e.getOriginalMessage());
      return null;
    }
  }

  /** Applies it to the tree; an unknown path is reported with a did-you-mean. */
  public void applyTo(ObjectNode root, Problems problems) {
    String error = ConfigTree.set(root, path, value);
    if (error != null) {
      problems.add("--set " + text, error);
    }
  }
}
