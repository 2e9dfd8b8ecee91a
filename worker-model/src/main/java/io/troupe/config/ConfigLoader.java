package io.troupe.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.troupe.InvalidInputException;
import io.troupe.config.binding.ConfigBinder;
import io.troupe.config.binding.Problems;
import io.troupe.config.binding.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment config: YAML, then {@code --set} overrides, then binding with defaults and
 * validation. Every problem is reported at once, each naming its path; any problem throws
 * {@link InvalidInputException}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static ExperimentSpec load(Path file, List<String> overrides) {
    String text = read(file);
    return parse(text, file.toString(), defaultName(file), overrides);
  }

  /** Parses YAML text; {@code origin} names it in messages, {@code defaultName} fills an absent name. */
  public static ExperimentSpec parse(String yaml, String origin, String defaultName, List<String> overrides) {
    ObjectNode root = parseTree(yaml, origin);
    if (!root.has("name") && defaultName != null) {
      root.set("name", TextNode.valueOf(defaultName));
    }
    Problems problems = new Problems();
    for (String text : overrides) {
      ConfigOverride override = ConfigOverride.parse(text, problems);
      if (override != null) {
        override.applyTo(root, problems);
      }
    }
    problems.throwIfAny();
    return bind(root, problems);
  }

  /** A spec with some paths replaced, validated like a config file (how trials are made). */
  public static ExperimentSpec withValues(ExperimentSpec base, Map<String, ?> values) {
    ObjectNode tree = ConfigTree.of(base);
    Problems problems = new Problems();
    values.forEach((path, value) -> {
      String error = ConfigTree.set(tree, path, Yaml.mapper().valueToTree(value));
      if (error != null) {
        problems.add(path, error);
      }
    });
    problems.throwIfAny();
    return bind(tree, problems);
  }

  /** The resolved spec as YAML, every default written out; loading it gives an equal spec. */
  public static String toYaml(ExperimentSpec spec) {
    return Yaml.write(ConfigTree.of(spec));
  }

  private static ExperimentSpec bind(ObjectNode root, Problems problems) {
    ExperimentSpec spec = ConfigBinder.bind(root, ExperimentSpec.class, problems);
    if (spec != null) {
      SearchSpaceValidator.check(spec, problems);
      PbtChecks.check(spec, problems);
    }
    problems.throwIfAny();
    return spec;
  }

  private static String read(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidInputException(file + ": config file not found");
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": is a directory, expected a YAML config file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read config: " + e.getMessage(), e);
    }
  }

  private static ObjectNode parseTree(String yaml, String origin) {
    JsonNode node;
    try {
      node = Yaml.parse(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr() + ":";
      throw new InvalidInputException(origin + ":" + where + " not valid YAML: " + firstLine(e.getOriginalMessage()), e);
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new InvalidInputException(origin + ": empty config; expected a YAML mapping with sections such as data, model, train");
    }
    if (!node.isObject()) {
      throw new InvalidInputException(origin + ": expected a YAML mapping at the top level, got " + node.getNodeType().name().toLowerCase());
    }
    return (ObjectNode) node;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** "conf/examples/fashion-mlp.yaml" -> "fashion-mlp". */
  static String defaultName(Path file) {
    String base = file.getFileName().toString();
    return base.replaceFirst("\\.(ya?ml)$", "");
  }
}
