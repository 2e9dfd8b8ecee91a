package io.troupe.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.config.binding.ConfigValue;
import io.troupe.config.binding.Problems;
import io.troupe.config.binding.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One search dimension's domain, written in YAML as a one-key mapping:
 * {@code {uniform: [a, b]}}, {@code {logUniform: [a, b]}} (sample in log space, seed 002),
 * {@code {int: [a, b]}} (inclusive) or {@code {choice: [v1, v2, ...]}}. uniform and logUniform take
 * {@code points: n} to become griddable; int takes {@code log: true}.
 */
public sealed interface ParamDomain extends ConfigValue {
  Set<String> KINDS = Set.of("uniform", "logUniform", "int", "choice");

  /** Whether a grid sampler can enumerate it. */
  boolean isGriddable();

  /** The values a validator probes: both bounds, or every choice. */
  List<Object> probeValues();

  /** The YAML form, so a resolved config writes back out as it was read. */
  @Override
  Map<String, Object> toConfig();

  /** Uniform on [low, high]; {@code points} > 0 grids it evenly. */
  record Uniform(double low, double high, int points) implements ParamDomain {
    public boolean isGriddable() {
      return points > 0;
    }

    public List<Object> probeValues() {
      return List.of(low, high);
    }

    public Map<String, Object> toConfig() {
      return withPoints(Map.of("uniform", List.of(low, high)), points);
    }
  }

  /** Log-uniform on [low, high], both > 0; {@code points} > 0 grids it evenly in log space. */
  record LogUniform(double low, double high, int points) implements ParamDomain {
    public boolean isGriddable() {
      return points > 0;
    }

    public List<Object> probeValues() {
      return List.of(low, high);
    }

    public Map<String, Object> toConfig() {
      return withPoints(Map.of("logUniform", List.of(low, high)), points);
    }
  }

  /** Integers in [low, high] inclusive; {@code log} samples them in log space (widths, batch sizes). */
  record IntRange(long low, long high, boolean log) implements ParamDomain {
    public boolean isGriddable() {
      return true;
    }

    public List<Object> probeValues() {
      return List.of(low, high);
    }

    public Map<String, Object> toConfig() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("int", List.of(low, high));
      if (log) {
        m.put("log", true);
      }
      return m;
    }
  }

  /** A finite set of values of any YAML shape (numbers, names, lists such as hidden widths). */
  record Choice(List<Object> values) implements ParamDomain {
    public Choice {
      values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    public boolean isGriddable() {
      return true;
    }

    public List<Object> probeValues() {
      return values;
    }

    public Map<String, Object> toConfig() {
      return Map.of("choice", values);
    }
  }

  private static Map<String, Object> withPoints(Map<String, Object> base, int points) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    if (points > 0) {
      m.put("points", points);
    }
    return m;
  }

  /** Parses the YAML form, reporting every problem under {@code path}; null if any. */
  static ParamDomain fromConfig(JsonNode node, String path, Problems problems) {
    return new ParamDomainParser(path, problems).parse(node);
  }

  /** Parsing kept apart from the domain types it builds. */
  final class ParamDomainParser {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private final String path;
    private final Problems problems;

    ParamDomainParser(String path, Problems problems) {
      this.path = path;
      this.problems = problems;
    }

    ParamDomain parse(JsonNode node) {
      if (!node.isObject()) {
        return fail("must be a domain mapping such as {logUniform: [1.0e-4, 1.0e-1]}, got " + node);
      }
      List<String> kinds = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (KINDS.contains(key)) {
          kinds.add(key);
        } else if (!key.equals("points") && !key.equals("log")) {
          return fail("unknown domain key " + key + Suggestions.didYouMean(key, KINDS)
              + "; use one of uniform, logUniform, int, choice");
        }
      }
      if (kinds.size() != 1) {
        return fail("must have exactly one of uniform, logUniform, int, choice; got "
            + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
      }
      String kind = kinds.get(0);
      if (node.has("points") && !kind.equals("uniform") && !kind.equals("logUniform")) {
        return fail("points applies to uniform and logUniform only");
      }
      if (node.has("log") && !kind.equals("int")) {
        return fail("log applies to int only (use logUniform for reals)");
      }
      return switch (kind) {
        case "choice" -> choice(node.get(kind));
        case "int" -> intRange(node.get(kind), node.path("log").asBoolean(false));
        default -> realRange(kind, node.get(kind), node.path("points"));
      };
    }

    private ParamDomain choice(JsonNode values) {
      if (!values.isArray() || values.isEmpty()) {
        return fail("choice must be a non-empty list of values, got " + values);
      }
      List<Object> list = new ArrayList<>();
      values.forEach(v -> list.add(PLAIN.convertValue(v, Object.class)));
      return new Choice(list);
    }

    private ParamDomain intRange(JsonNode bounds, boolean log) {
      double[] b = bounds(bounds, "int");
      if (b == null) {
        return null;
      }
      if (b[0] != Math.rint(b[0]) || b[1] != Math.rint(b[1])) {
        return fail("int bounds must be integers, got " + bounds);
      }
      if (b[0] > b[1]) {
        return fail("empty range: lower bound " + (long) b[0] + " > upper bound " + (long) b[1]);
      }
      if (log && b[0] <= 0) {
        return fail("log int range bounds must be > 0, got " + bounds);
      }
      return new IntRange((long) b[0], (long) b[1], log);
    }

    private ParamDomain realRange(String kind, JsonNode bounds, JsonNode pointsNode) {
      double[] b = bounds(bounds, kind);
      if (b == null) {
        return null;
      }
      if (b[0] >= b[1]) {
        return fail("empty range: lower bound " + num(b[0]) + " >= upper bound " + num(b[1]));
      }
      if (kind.equals("logUniform") && b[0] <= 0) {
        return fail("logUniform bounds must be > 0 (log space), got [" + num(b[0]) + ", " + num(b[1]) + "]");
      }
      int points = 0;
      if (!pointsNode.isMissingNode()) {
        if (!pointsNode.canConvertToInt() || !pointsNode.isIntegralNumber() || pointsNode.intValue() < 2) {
          return fail("points must be an integer >= 2, got " + pointsNode);
        }
        points = pointsNode.intValue();
      }
      return kind.equals("uniform") ? new Uniform(b[0], b[1], points) : new LogUniform(b[0], b[1], points);
    }

    private double[] bounds(JsonNode bounds, String kind) {
      if (bounds == null || !bounds.isArray() || bounds.size() != 2) {
        fail(kind + " must be [lower, upper], got " + bounds);
        return null;
      }
      double[] b = new double[2];
      for (int i = 0; i < 2; i++) {
        Double d = number(bounds.get(i));
        if (d == null || d.isNaN() || d.isInfinite()) {
          fail(kind + " bounds must be numbers, got " + bounds);
          return null;
        }
        b[i] = d;
      }
      return b;
    }

    private static Double number(JsonNode node) {
      if (node.isNumber()) {
        return node.doubleValue();
      }
      try {
        return node.isTextual() ? Double.valueOf(node.textValue().trim()) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static String num(double v) {
      return io.troupe.config.binding.RangeText.number(v);
    }

    private ParamDomain fail(String message) {
      problems.add(path, message);
      return null;
    }
  }
}
