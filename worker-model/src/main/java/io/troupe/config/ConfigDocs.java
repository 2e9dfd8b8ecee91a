package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;
import io.troupe.config.binding.ConfigField;
import io.troupe.config.binding.ConfigSchema;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.RangeText;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders docs/configuration.md from the config records themselves, so the reference covers
 * every field with its real default and range. A test fails when the checked-in file is stale.
 */
public final class ConfigDocs {
  private ConfigDocs() {}

  public static String render() {
    StringBuilder out = new StringBuilder();
    out.append(INTRO);
    List<Section> sections = new ArrayList<>();
    collect(ExperimentSpec.class, "", sections);
    for (Section section : sections) {
      out.append("\n## ").append(section.path.isEmpty() ? "Top level" : "`" + section.path + "`").append("\n\n");
      Doc doc = section.type.getAnnotation(Doc.class);
      if (doc != null) {
        out.append(doc.value()).append("\n\n");
      }
      out.append("| field | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
      for (ConfigField field : ConfigSchema.fields(section.type)) {
        String path = section.path.isEmpty() ? field.name() : section.path + "." + field.name();
        out.append("| `").append(path).append("` | ").append(typeName(field.type()))
            .append(" | ").append(defaultText(field)).append(" | ").append(allowed(field))
            .append(" | ").append(escape(field.doc())).append(" |\n");
      }
    }
    out.append(OUTRO);
    return out.toString();
  }

  private record Section(String path, Class<?> type) {}

  private static void collect(Class<?> type, String path, List<Section> sections) {
    sections.add(new Section(path, type));
    for (ConfigField field : ConfigSchema.fields(type)) {
      if (field.isRecord()) {
        collect(field.rawType(), path.isEmpty() ? field.name() : path + "." + field.name(), sections);
      }
    }
    for (ConfigField field : ConfigSchema.fields(type)) {
      Class<?> raw = field.rawType();
      if (List.class.isAssignableFrom(raw) && ConfigField.rawType(ConfigField.elementType(field.type())).isRecord()) {
        collect(ConfigField.rawType(ConfigField.elementType(field.type())),
            (path.isEmpty() ? "" : path + ".") + field.name() + "[]", sections);
      }
    }
  }

  private static String typeName(Type type) {
    Class<?> raw = ConfigField.rawType(type);
    if (raw.isRecord()) {
      return "section";
    }
    if (List.class.isAssignableFrom(raw)) {
      return "list of " + typeName(ConfigField.elementType(type)).replace("section", "stages");
    }
    if (Map.class.isAssignableFrom(raw)) {
      Class<?> value = ConfigField.rawType(ConfigField.elementType(type));
      return value == ParamDomain.class ? "path → domain" : "mapping";
    }
    if (raw.isEnum()) {
      return "name";
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return "integer";
    }
    if (raw == double.class || raw == Double.class) {
      return "number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    return "string";
  }

  private static String defaultText(ConfigField field) {
    if (field.isRequired()) {
      return "**required**";
    }
    if (field.defaultYaml() == null) {
      return "see section";
    }
    return "`" + field.defaultYaml().replace("'", "") + "`";
  }

  private static String allowed(ConfigField field) {
    Class<?> raw = field.rawType();
    if (List.class.isAssignableFrom(raw)) {
      raw = ConfigField.rawType(ConfigField.elementType(field.type()));
    }
    if (raw.isEnum()) {
      return Arrays.stream(raw.getEnumConstants())
          .map(c -> "`" + ConfigEnum.nameOf((Enum<?>) c) + "`").collect(Collectors.joining(", "));
    }
    String range = RangeText.of(field.min(), field.max());
    return range.isEmpty() ? "" : range.replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final String INTRO = """
      # Configuration reference

      <!-- Generated from the config records (io.troupe.config) by ConfigDocs; do not edit by hand.
           Regenerate: mvn -pl worker-model test -Dtest=ConfigDocsTest -Dtroupe.docs.write=true -->

      An experiment is one YAML file. Every field below has a default unless marked **required**, so a
      config names only what differs. Sections: `data`, `model`, `train`, `search`, `objective`,
      `ensemble`, `spark`.

      ```yaml
      name: fashion-mlp-coarse
      seed: 42
      data: {source: fashion-mnist, validation: 0.1, subset: {train: 10000}}
      model: {type: mlp, hidden: [256, 128], activation: relu, init: he}
      train:
        epochs: 10
        batchSize: 128
        optimizer: {type: adam, lr: 1.0e-3}
      search:
        strategy: random
        trials: 40
        space:
          train.optimizer.lr: {logUniform: [1.0e-5, 1.0e-1]}
          train.l2: {logUniform: [1.0e-6, 1.0e-2]}
      ```

      ## Paths, overrides and search dimensions

      Every field has a dotted path, e.g. `train.optimizer.lr`. The same path works in three places:

      - in the YAML file, as nested mappings;
      - on the command line: `deploy/troupe validate x.yaml --set train.optimizer.lr=0.01` (the value is
        read as YAML, so `--set model.hidden=[512,256]` works; `--set path=null` clears an optional field);
      - as a search dimension: a key of `search.space`.

      Inside a mapping-typed field the rest of the path is the key: `spark.conf.spark.executor.memory=4g`.

      ## Validation

      Every problem is reported at once, each naming its path and what was expected, and the command
      exits with code 2: unknown keys (with a did-you-mean), wrong types, out-of-range values, missing
      required fields, cross-field rules (for example `train.schedule.minLr` below the learning rate,
      `model.type: cnn` only on image data), empty search ranges, log ranges whose bounds are <= 0,
      and search dimensions whose extreme values would make an invalid config.

      Numbers may be written `1e-3` or `1.0e-3`.

      ## Search domains

      | form | meaning |
      |---|---|
      | `{uniform: [a, b]}` | real, uniform on [a, b]; add `points: n` for an evenly spaced grid |
      | `{logUniform: [a, b]}` | real, uniform in log space (a, b > 0), as seed 002 advises for rates and penalties; `points: n` grids it geometrically |
      | `{int: [a, b]}` | integer in [a, b] inclusive; `log: true` samples in log space |
      | `{choice: [v1, v2, ...]}` | any values, including lists such as `[[256, 128], [512]]` |
      """;

  private static final String OUTRO = """

      ## Data sources

      | source | block | files |
      |---|---|---|
      | `fashion-mnist` | `data.path` (optional) | the four IDX .gz files of Debian's `dataset-fashion-mnist`; `deploy/install-data.sh` installs them |
      | `idx` | `data.idx` | any MNIST-format images/labels, gzip or raw |
      | `csv` | `data.csv` | delimited text, one example per line; classification labels may be numbers or names |
      | `libsvm` | `data.libsvm` | `label index:value ...`; labels such as -1/+1 or 1..K are mapped to classes in sorted order |
      | `spark` | `data.spark` | any table Spark reads (parquet, orc, csv, json, ...; a path, URI or catalog table): a vector, array or numeric columns as features, class indices 0..K-1 or a real target as label |
      | `synthetic` | `data.synthetic` | seeded Gaussian blobs (classification) or a linear teacher (regression) |

      The validation set is carved from the training file with the data seed; the test set is never
      used to choose anything. Scaling statistics come from the training part only.
      """;
}
