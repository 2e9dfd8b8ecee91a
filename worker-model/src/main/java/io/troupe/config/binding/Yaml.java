package io.troupe.config.binding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** The one YAML mapper: strict about duplicate keys, writes block style without the "---". */
public final class Yaml {
  private static final ObjectMapper MAPPER = new ObjectMapper(
      YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .registerModule(new SimpleModule("config-enums").addSerializer(new EnumAsConfigName()));

  private Yaml() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses YAML text to a tree; callers turn the exception into a message naming the source. */
  public static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  static JsonNode parseDefault(String yaml) {
    try {
      JsonNode node = MAPPER.readTree(yaml);
      return node == null || node.isMissingNode() ? MAPPER.nullNode() : node;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bad @Default YAML: " + yaml, e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  /** Every enum, ours or a library's, is written as it is spelled in YAML (kebab-case). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class EnumAsConfigName extends StdSerializer<Enum> {
    EnumAsConfigName() {
      super(Enum.class);
    }

    @Override
    public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(ConfigEnum.nameOf(value));
    }
  }
}
