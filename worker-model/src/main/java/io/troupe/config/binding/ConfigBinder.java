package io.troupe.config.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a YAML tree to immutable config records, filling defaults and collecting every problem
 * with its path: unknown keys (with did-you-mean), wrong types, out-of-range values, missing
 * required fields, and each record's cross-field rules.
 *
 * <p>A type that declares {@code static T fromConfig(JsonNode, String path, Problems)} binds
 * itself (used by search-space domains).
 */
public final class ConfigBinder {
  /** Marks a value that failed to bind; its problem is already recorded. */
  private static final Object INVALID = new Object();

  private final Problems problems;

  private ConfigBinder(Problems problems) {
    this.problems = problems;
  }

  /** Binds {@code root} to {@code type}, adding problems to {@code problems}; null if any. */
  public static <T> T bind(JsonNode root, Class<T> type, Problems problems) {
    int before = problems.count();
    Object value = new ConfigBinder(problems).bindRecord(root, type, "");
    return problems.count() == before ? type.cast(value) : null;
  }

  private Object bindValue(JsonNode node, Type type, String path, ConfigField field) {
    Class<?> raw = ConfigField.rawType(type);
    if (node.isNull()) {
      if (field != null && field.isNullable()) {
        return null;
      }
      return invalid(path, "must not be null");
    }
    if (raw.isRecord()) {
      return bindRecord(node, raw, path);
    }
    Method selfBinder = selfBinder(raw);
    if (selfBinder != null) {
      return bindSelf(selfBinder, node, path);
    }
    if (raw.isEnum()) {
      return bindEnum(node, raw, path);
    }
    if (List.class.isAssignableFrom(raw)) {
      return bindList(node, type, path, field);
    }
    if (Map.class.isAssignableFrom(raw)) {
      return bindMap(node, type, path);
    }
    return bindScalar(node, raw, path, field);
  }

  private Object bindRecord(JsonNode node, Class<?> type, String path) {
    if (node == null || node.isMissingNode()) {
      node = JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      return invalid(path, "must be a mapping of " + String.join(", ", ConfigSchema.fieldNames(type))
          + ", got " + describe(node));
    }
    int before = problems.count();
    List<String> known = ConfigSchema.fieldNames(type);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problems.add(ConfigPaths.join(path, key),
            "unknown key" + Suggestions.didYouMean(key, known)
                + "; allowed here: " + String.join(", ", known));
      }
    }
    List<ConfigField> fields = ConfigSchema.fields(type);
    Object[] args = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      ConfigField field = fields.get(i);
      args[i] = bindField(node.get(field.name()), field, ConfigPaths.join(path, field.name()));
    }
    if (problems.count() != before) {
      return INVALID;
    }
    Object record = construct(type, args, path);
    if (record instanceof CrossChecked checked) {
      checked.crossCheck(new Checks(path, problems));
    }
    return problems.count() == before ? record : INVALID;
  }

  private Object bindField(JsonNode given, ConfigField field, String path) {
    if (given != null) {
      return bindValue(given, field.type(), path, field);
    }
    if (field.isRequired()) {
      return invalid(path, "required, but missing" + (field.doc().isEmpty() ? "" : " (" + field.doc() + ")"));
    }
    if (field.defaultYaml() == null) {
      return bindRecord(null, field.rawType(), path);
    }
    return bindDefault(field, path);
  }

  private Object bindDefault(ConfigField field, String path) {
    JsonNode node = Yaml.parseDefault(field.defaultYaml());
    int before = problems.count();
    Object value = bindValue(node, field.type(), path, field);
    if (problems.count() != before) {
      throw new IllegalStateException("bad @Default on " + path + ": " + problems.messages());
    }
    return value;
  }

  private Object bindScalar(JsonNode node, Class<?> raw, String path, ConfigField field) {
    if (node.isContainerNode()) {
      return invalid(path, "must be " + typeName(raw) + ", got " + describe(node));
    }
    Object value;
    if (raw == String.class) {
      value = node.asText();
    } else if (raw == boolean.class || raw == Boolean.class) {
      value = bindBoolean(node, path);
    } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      value = bindInteger(node, raw, path);
    } else if (raw == double.class || raw == Double.class) {
      value = bindDouble(node, path);
    } else {
      throw new IllegalStateException("unsupported config type " + raw + " at " + path);
    }
    if (value != INVALID && value instanceof Number n && field != null) {
      checkRange(n.doubleValue(), node, field, path);
    }
    return value;
  }

  private Object bindBoolean(JsonNode node, String path) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    String text = node.asText();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    return invalid(path, "must be true or false, got " + describe(node));
  }

  private Object bindInteger(JsonNode node, Class<?> raw, String path) {
    Double d = asNumber(node);
    boolean isInt = raw == int.class || raw == Integer.class;
    if (d == null || d != Math.rint(d) || Double.isInfinite(d)) {
      return invalid(path, "must be an integer, got " + describe(node));
    }
    if (isInt && (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE)) {
      return invalid(path, "must fit in a 32-bit integer, got " + node.asText());
    }
    return isInt ? (Object) d.intValue() : (Object) d.longValue();
  }

  private Object bindDouble(JsonNode node, String path) {
    Double d = asNumber(node);
    if (d == null || d.isNaN() || d.isInfinite()) {
      return invalid(path, "must be a number, got " + describe(node));
    }
    return d;
  }

  /** Numbers, and numeric text: YAML 1.1 reads {@code 1e-3} (no dot) as a string. */
  static Double asNumber(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      try {
        return Double.valueOf(node.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private void checkRange(double value, JsonNode node, ConfigField field, String path) {
    Min min = field.min();
    Max max = field.max();
    boolean tooLow = min != null && (min.exclusive() ? value <= min.value() : value < min.value());
    boolean tooHigh = max != null && (max.exclusive() ? value >= max.value() : value > max.value());
    if (tooLow || tooHigh) {
      problems.add(path, "must be " + RangeText.of(min, max) + ", got " + node.asText());
    }
  }

  private Object bindEnum(JsonNode node, Class<?> raw, String path) {
    List<String> names = new ArrayList<>();
    for (Object constant : raw.getEnumConstants()) {
      names.add(ConfigEnum.nameOf((Enum<?>) constant));
    }
    if (node.isContainerNode()) {
      return invalid(path, "must be one of " + String.join(", ", names) + ", got " + describe(node));
    }
    String text = node.asText().trim();
    for (Object constant : raw.getEnumConstants()) {
      Enum<?> e = (Enum<?>) constant;
      if (ConfigEnum.nameOf(e).equalsIgnoreCase(text) || e.name().equalsIgnoreCase(text)) {
        return e;
      }
    }
    return invalid(path, "must be one of " + String.join(", ", names) + ", got \"" + text + "\""
        + Suggestions.didYouMean(text, names));
  }

  private Object bindList(JsonNode node, Type type, String path, ConfigField field) {
    Type elementType = ConfigField.elementType(type);
    // A lone scalar stands for a one-element list: `combiners: average` reads naturally.
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else if (node.isObject()) {
      return invalid(path, "must be a list, got " + describe(node));
    } else {
      items.add(node);
    }
    List<Object> values = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      Object value = bindValue(items.get(i), elementType, ConfigPaths.index(path, i), field);
      ok &= value != INVALID;
      values.add(value);
    }
    return ok ? List.copyOf(values) : INVALID;
  }

  private Object bindMap(JsonNode node, Type type, String path) {
    if (!node.isObject()) {
      return invalid(path, "must be a mapping, got " + describe(node));
    }
    Type valueType = ConfigField.elementType(type);
    Map<String, Object> values = new LinkedHashMap<>();
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Object value = bindValue(entry.getValue(), valueType, ConfigPaths.join(path, entry.getKey()), null);
      ok &= value != INVALID;
      values.put(entry.getKey(), value);
    }
    return ok ? java.util.Collections.unmodifiableMap(values) : INVALID;
  }

  private Object bindSelf(Method selfBinder, JsonNode node, String path) {
    int before = problems.count();
    try {
      Object value = selfBinder.invoke(null, node, path, problems);
      return problems.count() == before && value != null ? value : INVALID;
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("fromConfig failed at " + path, e);
    }
  }

  private static Method selfBinder(Class<?> raw) {
    return SELF_BINDERS.get(raw).orElse(null);
  }

  /**
   * Each type's static fromConfig, looked up once: a failed lookup throws, and a config has a
   * scalar at every leaf, so a sweep planning thousands of trials would pay for it at each.
   */
  private static final ClassValue<java.util.Optional<Method>> SELF_BINDERS = new ClassValue<>() {
    @Override
    protected java.util.Optional<Method> computeValue(Class<?> raw) {
      try {
        Method m = raw.getMethod("fromConfig", JsonNode.class, String.class, Problems.class);
        return Modifier.isStatic(m.getModifiers()) ? java.util.Optional.of(m) : java.util.Optional.empty();
      } catch (NoSuchMethodException e) {
        return java.util.Optional.empty();
      }
    }
  };

  private Object construct(Class<?> type, Object[] args, String path) {
    Class<?>[] types = Arrays.stream(type.getRecordComponents())
        .map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      // A compact constructor's own check; report it like any other problem.
      return invalid(path.isEmpty() ? type.getSimpleName() : path, e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private Object invalid(String path, String message) {
    problems.add(path, message);
    return INVALID;
  }

  private static String typeName(Class<?> raw) {
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return "an integer";
    }
    if (raw == double.class || raw == Double.class) {
      return "a number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "true or false";
    }
    return "a string";
  }

  /** How a given YAML value reads in a message: quoted text, a number, or its kind. */
  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      return "\"" + node.textValue() + "\"";
    }
    return node.asText();
  }
}
