package io.troupe.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.driver.store.RunManifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one searched path's values are laid out on a chart's x axis: on a log axis when the search
 * drew it log-uniformly (a learning rate, an L2 factor), linearly when uniformly, and as
 * categories for a choice (widths such as [256, 128]). Read from the domain in the run's run.json;
 * a run without one is judged by its values: all positive numbers spanning 10x or more go on a log
 * axis, other numbers on a linear one, anything else as categories.
 *
 * @param categories the choices in the order the config lists them (first seen without one); empty
 *     unless categorical
 */
record ParamAxis(Kind kind, List<String> categories) {
  enum Kind { LOG, LINEAR, CATEGORICAL }

  /** How far apart the values must be for a log axis when the domain is not known. */
  static final double LOG_SPAN = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  ParamAxis {
    categories = List.copyOf(categories);
  }

  /** @param manifest the run's run.json, or null */
  static ParamAxis of(String path, Collection<Object> values, RunManifest manifest) {
    JsonNode domain = manifest == null ? null : manifest.config().path("search").path("space").get(path);
    if (domain != null && domain.isObject()) {
      if (domain.has("logUniform") || (domain.has("int") && domain.path("log").asBoolean())) {
        return new ParamAxis(Kind.LOG, List.of());
      }
      if (domain.has("uniform") || domain.has("int")) {
        return new ParamAxis(Kind.LINEAR, List.of());
      }
      if (domain.path("choice").isArray()) {
        Set<String> choices = new LinkedHashSet<>();
        domain.get("choice").forEach(c -> choices.add(text(JSON.convertValue(c, Object.class))));
        values.forEach(v -> choices.add(text(v)));
        return new ParamAxis(Kind.CATEGORICAL, new ArrayList<>(choices));
      }
    }
    List<Double> numbers = values.stream().map(ParamAxis::number).toList();
    if (!numbers.isEmpty() && numbers.stream().allMatch(Double::isFinite)) {
      double min = numbers.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = numbers.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      return new ParamAxis(min > 0 && max / min >= LOG_SPAN ? Kind.LOG : Kind.LINEAR, List.of());
    }
    return new ParamAxis(Kind.CATEGORICAL, new ArrayList<>(values.stream().map(ParamAxis::text)
        .collect(Collectors.toCollection(LinkedHashSet::new))));
  }

  /**
   * Where a value sits on the axis: the number itself, or its category's index; NaN when it cannot
   * be placed (not a number, or not positive on a log axis).
   */
  double position(Object value) {
    return switch (kind) {
      case CATEGORICAL -> {
        int i = categories.indexOf(text(value));
        yield i < 0 ? Double.NaN : i;
      }
      case LOG -> {
        double v = number(value);
        yield v > 0 ? v : Double.NaN;
      }
      case LINEAR -> number(value);
    };
  }

  /** A value as people read it in a legend or table: lists as [256, 128]. */
  static String text(Object value) {
    return String.valueOf(value);
  }

  /** A param value as a number: JSON numbers, or numeric strings; NaN otherwise. */
  static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
