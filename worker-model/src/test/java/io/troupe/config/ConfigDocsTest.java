package io.troupe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.binding.ConfigField;
import io.troupe.config.binding.ConfigSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated; this fails when it no longer matches the records. */
class ConfigDocsTest {
  private static final Path DOC = projectRoot().resolve("docs/configuration.md");

  @Test
  void checkedInReferenceMatchesTheRecords() throws IOException {
    String rendered = ConfigDocs.render();
    if (Boolean.getBoolean("troupe.docs.write")) {
      Files.writeString(DOC, rendered);
    }
    assertTrue(Files.exists(DOC), DOC + " is missing; regenerate with -Dtroupe.docs.write=true");
    assertEquals(rendered, Files.readString(DOC),
        "docs/configuration.md is stale: mvn -pl worker-model test -Dtest=ConfigDocsTest -Dtroupe.docs.write=true");
  }

  @Test
  void everyFieldIsDocumentedWithItsPath() {
    String rendered = ConfigDocs.render();
    for (String path : allPaths(ExperimentSpec.class, "")) {
      assertTrue(rendered.contains("| `" + path + "` |"), "no row for " + path);
    }
    for (String path : allPaths(ExperimentSpec.class, "")) {
      ConfigField field = field(path);
      assertTrue(!field.doc().isBlank(), "no @Doc on " + path);
    }
  }

  private static ConfigField field(String path) {
    Class<?> type = ExperimentSpec.class;
    String[] parts = path.replace("[]", "").split("\\.");
    ConfigField field = null;
    for (String part : parts) {
      field = ConfigSchema.field(type, part).orElseThrow();
      Class<?> raw = field.rawType();
      type = List.class.isAssignableFrom(raw) ? ConfigField.rawType(ConfigField.elementType(field.type())) : raw;
    }
    return field;
  }

  private static List<String> allPaths(Class<?> type, String prefix) {
    List<String> paths = new ArrayList<>();
    for (ConfigField f : ConfigSchema.fields(type)) {
      String path = prefix.isEmpty() ? f.name() : prefix + "." + f.name();
      paths.add(path);
      if (f.isRecord()) {
        paths.addAll(allPaths(f.rawType(), path));
      } else if (List.class.isAssignableFrom(f.rawType())
          && ConfigField.rawType(ConfigField.elementType(f.type())).isRecord()) {
        paths.addAll(allPaths(ConfigField.rawType(ConfigField.elementType(f.type())), path + "[]"));
      }
    }
    return paths;
  }

  static Path projectRoot() {
    String root = System.getProperty("troupe.project.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }
}
