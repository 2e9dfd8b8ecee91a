package io.troupe.config.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Writes config records back to a YAML tree, field by field from the schema (the mirror of
 * {@link ConfigBinder}), so a resolved config reloads to an equal record.
 */
public final class ConfigWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ConfigWriter() {}

  public static ObjectNode toTree(Record record) {
    ObjectNode node = NODES.objectNode();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      node.set(component.getName(), toNode(read(component, record)));
    }
    return node;
  }

  private static JsonNode toNode(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof ConfigValue v) {
      return toNode(v.toConfig());
    }
    if (value instanceof Record r) {
      return toTree(r);
    }
    if (value instanceof Enum<?> e) {
      return NODES.textNode(ConfigEnum.nameOf(e));
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(toNode(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.entrySet().stream()
          .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
          .forEach(entry -> object.set(entry.getKey().toString(), toNode(entry.getValue())));
      return object;
    }
    return Yaml.mapper().valueToTree(value);
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
