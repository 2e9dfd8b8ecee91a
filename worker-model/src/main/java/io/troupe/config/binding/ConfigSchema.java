package io.troupe.config.binding;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The config schema, read from the records themselves, so binder, docs and paths never drift. */
public final class ConfigSchema {
  private static final Map<Class<?>, List<ConfigField>> CACHE = new ConcurrentHashMap<>();

  private ConfigSchema() {}

  public static List<ConfigField> fields(Class<?> recordType) {
    return CACHE.computeIfAbsent(
        recordType,
        t -> Arrays.stream(t.getRecordComponents()).map(ConfigField::of).toList());
  }

  public static List<String> fieldNames(Class<?> recordType) {
    return fields(recordType).stream().map(ConfigField::name).toList();
  }

  public static Optional<ConfigField> field(Class<?> recordType, String name) {
    return fields(recordType).stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Resolves a dotted path against the schema. Inside a map-typed field the rest of the path is
   * the key (so {@code search.space.train.optimizer.lr} and {@code spark.conf.spark.executor.memory}
   * resolve). Returns the segments as they go into the YAML tree, or a message naming the first
   * unknown segment with a did-you-mean.
   */
  public static Resolution resolve(Class<?> root, String path) {
    if (path == null || path.isBlank()) {
      return Resolution.error("empty config path");
    }
    String[] parts = path.split("\\.", -1);
    List<String> segments = new ArrayList<>();
    Class<?> current = root;
    Type leafType = root;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        return Resolution.error("malformed config path " + path);
      }
      if (current == null || !current.isRecord()) {
        String parent = String.join(".", segments);
        return Resolution.error("unknown field " + path + ": " + parent + " has no sub-fields");
      }
      Optional<ConfigField> field = field(current, part);
      if (field.isEmpty()) {
        String prefix = String.join(".", segments);
        String suggestion = Suggestions.closest(part, fieldNames(current))
            .map(name -> " (did you mean " + ConfigPaths.join(prefix, name) + "?)").orElse("");
        return Resolution.error("unknown field " + ConfigPaths.join(prefix, part) + suggestion);
      }
      segments.add(part);
      leafType = field.get().type();
      Class<?> raw = field.get().rawType();
      if (Map.class.isAssignableFrom(raw) && i + 1 < parts.length) {
        String key = String.join(".", Arrays.copyOfRange(parts, i + 1, parts.length));
        segments.add(key);
        return Resolution.ok(segments, ConfigField.elementType(leafType));
      }
      current = raw.isRecord() ? raw : null;
    }
    return Resolution.ok(segments, leafType);
  }

  /** A resolved path: the YAML keys to walk and the Java type found there, or why it failed. */
  public record Resolution(List<String> segments, Type type, String error) {
    static Resolution ok(List<String> segments, Type type) {
      return new Resolution(List.copyOf(segments), type, null);
    }

    static Resolution error(String message) {
      return new Resolution(List.of(), null, message);
    }

    public boolean isOk() {
      return error == null;
    }
  }
}
