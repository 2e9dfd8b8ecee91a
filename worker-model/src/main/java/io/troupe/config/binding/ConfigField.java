package io.troupe.config.binding;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** One field of a config record, as the binder and the docs generator see it. */
public record ConfigField(
    String name, Type type, String defaultYaml, String doc, Min min, Max max) {

  static ConfigField of(RecordComponent component) {
    Default def = component.getAnnotation(Default.class);
    Doc doc = component.getAnnotation(Doc.class);
    return new ConfigField(
        component.getName(),
        component.getGenericType(),
        def == null ? null : def.value(),
        doc == null ? "" : doc.value(),
        component.getAnnotation(Min.class),
        component.getAnnotation(Max.class));
  }

  public Class<?> rawType() {
    return rawType(type);
  }

  public boolean isRecord() {
    return rawType().isRecord();
  }

  public boolean isNullable() {
    return "null".equals(defaultYaml);
  }

  /** Required: the user must give it (no default, and not a record that has its own defaults). */
  public boolean isRequired() {
    return defaultYaml == null && !isRecord();
  }

  public static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported config type " + type);
  }

  /** The element type of a List field, or the value type of a Map field. */
  public static Type elementType(Type type) {
    ParameterizedType p = (ParameterizedType) type;
    Class<?> raw = rawType(type);
    if (List.class.isAssignableFrom(raw)) {
      return p.getActualTypeArguments()[0];
    }
    if (Map.class.isAssignableFrom(raw)) {
      return p.getActualTypeArguments()[1];
    }
    throw new IllegalStateException("not a container: " + type);
  }
}
