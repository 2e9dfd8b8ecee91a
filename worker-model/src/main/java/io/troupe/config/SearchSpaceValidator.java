package io.troupe.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.config.binding.ConfigBinder;
import io.troupe.config.binding.ConfigField;
import io.troupe.config.binding.ConfigSchema;
import io.troupe.config.binding.Problems;
import io.troupe.config.binding.Yaml;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Checks that every search dimension names a real config field, that its domain fits the field's
 * type, and that the domain's extreme values (both bounds, or every choice) are valid configs, so
 * a sweep never fails late on a value the config could have rejected up front.
 */
final class SearchSpaceValidator {
  private SearchSpaceValidator() {}

  static void check(ExperimentSpec spec, Problems problems) {
    for (Map.Entry<String, ParamDomain> dim : spec.search().space().entrySet()) {
      checkDimension(spec, dim.getKey(), dim.getValue(), problems);
    }
  }

  private static void checkDimension(ExperimentSpec spec, String path, ParamDomain domain, Problems problems) {
    String where = "search.space." + path;
    if (path.equals("search") || path.startsWith("search.")) {
      problems.add(where, "cannot search over the search section itself");
      return;
    }
    ConfigSchema.Resolution resolution = ConfigSchema.resolve(ExperimentSpec.class, path);
    if (!resolution.isOk()) {
      problems.add(where, resolution.error());
      return;
    }
    String typeProblem = domainTypeProblem(path, resolution.type(), domain);
    if (typeProblem != null) {
      problems.add(where, typeProblem);
      return;
    }
    for (Object probe : domain.probeValues()) {
      ObjectNode tree = ConfigTree.of(spec);
      JsonNode value = Yaml.mapper().valueToTree(probe);
      ConfigTree.set(tree, path, value);
      Problems trial = new Problems();
      ConfigBinder.bind(tree, ExperimentSpec.class, trial);
      for (String message : trial.messages()) {
        problems.add(where, "value " + value + " would be invalid: " + message);
      }
    }
  }

  private static String domainTypeProblem(String path, Type type, ParamDomain domain) {
    Class<?> raw = ConfigField.rawType(type);
    if (raw == ParamValue.class) {
      return null; // a factory's own setting: any domain; the factory reads the type it wants
    }
    boolean integral = raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class;
    boolean real = raw == double.class || raw == Double.class;
    boolean continuous = domain instanceof ParamDomain.Uniform || domain instanceof ParamDomain.LogUniform;
    if (continuous && integral) {
      return path + " is an integer field: use {int: [a, b]} or {choice: [...]}";
    }
    if ((continuous || domain instanceof ParamDomain.IntRange) && !integral && !real) {
      String kind = raw.isRecord() ? "a section" : List.class.isAssignableFrom(raw) ? "a list"
          : raw.isEnum() ? "a name" : "not a number";
      return path + " is " + kind + ": use {choice: [...]}";
    }
    return null;
  }
}
