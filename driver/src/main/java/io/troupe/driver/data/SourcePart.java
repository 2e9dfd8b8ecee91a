package io.troupe.driver.data;

import io.troupe.InvalidInputException;
import io.troupe.config.SparkLocationSpec;
import io.troupe.config.SparkSourceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Table;

/**
 * One part (training or test) of a spark source, opened and narrowed to its feature and label
 * columns before anything runs, so Spark reads only those (Parquet and ORC skip the others on
 * disk). A path that does not exist, a table that does not exist, an unknown format and a missing
 * column are bad input naming the config field, the path or table, and what is there instead.
 */
final class SourcePart {
  private final String where;
  private final String field;
  private final List<String> features;
  private final String label;
  private final Dataset<Row> selected;

  private SourcePart(String where, String field, List<String> features, String label, Dataset<Row> selected) {
    this.where = where;
    this.field = field;
    this.features = List.copyOf(features);
    this.label = label;
    this.selected = selected;
  }

  /**
   * Opens {@code location} with the spec's format and options and selects the spec's columns.
   *
   * @param prefix the location's config path, data.spark or data.spark.test, for messages
   */
  static SourcePart open(SparkSession spark, SparkSourceSpec spec, SparkLocationSpec location, String prefix) {
    String where = location.path() != null ? spec.format() + " " + location.describe() : location.describe();
    Dataset<Row> raw = read(spark, spec, location, prefix, where);
    boolean caseSensitive = Boolean.parseBoolean(spark.conf().get("spark.sql.caseSensitive", "false"));
    List<String> problems = new ArrayList<>();
    List<String> features = new ArrayList<>();
    for (String name : spec.features()) {
      features.add(resolve(raw, name, caseSensitive, "data.spark.features", where, problems));
    }
    String label = resolve(raw, spec.label(), caseSensitive, "data.spark.label", where, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<Column> columns = new ArrayList<>();
    features.forEach(f -> columns.add(raw.col(quoted(f))));
    columns.add(raw.col(quoted(label)));
    return new SourcePart(where, location.configPath(prefix), features, label,
        raw.select(columns.toArray(Column[]::new)));
  }

  /** How messages name this part: "parquet path hdfs://…/train" or "table db.train". */
  String where() {
    return where;
  }

  /** The config field that names this part's path or table, e.g. data.spark.test.path. */
  String field() {
    return field;
  }

  /** The feature columns as the source spells them, in the spec's order. */
  List<String> features() {
    return features;
  }

  String label() {
    return label;
  }

  /** Only the feature columns, then the label column. */
  Dataset<Row> selected() {
    return selected;
  }

  /** A column name as Spark parses it: backquoted, so dots and spaces are part of the name. */
  static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static Dataset<Row> read(SparkSession spark, SparkSourceSpec spec, SparkLocationSpec location,
      String prefix, String where) {
    String field = location.configPath(prefix);
    try {
      return location.path() != null
          ? spark.read().format(spec.format()).options(spec.options()).load(location.path())
          : spark.table(location.table());
    } catch (Exception e) {
      String errorClass = e instanceof SparkThrowable t && t.getErrorClass() != null ? t.getErrorClass() : "";
      throw new InvalidInputException(switch (errorClass) {
        case "PATH_NOT_FOUND" -> field + ": " + where + " does not exist";
        case "TABLE_OR_VIEW_NOT_FOUND" -> field + ": no table or view " + location.table() + " in the catalog; "
            + tablesHere(spark);
        case "DATA_SOURCE_NOT_FOUND" -> "data.spark.format: no Spark data source \"" + spec.format()
            + "\" on the classpath; built in are parquet, orc, csv, json and text";
        default -> field + ": cannot read " + where + ": " + firstLine(e);
      }, e);
    }
  }

  private static String tablesHere(SparkSession spark) {
    String database = spark.catalog().currentDatabase();
    List<String> names = spark.catalog().listTables().collectAsList().stream().map(Table::name).sorted().toList();
    return "tables and views in database " + database + ": " + (names.isEmpty() ? "none" : String.join(", ", names));
  }

  private static String resolve(Dataset<Row> raw, String name, boolean caseSensitive, String field, String where,
      List<String> problems) {
    for (String column : raw.columns()) {
      if (caseSensitive ? column.equals(name) : column.equalsIgnoreCase(name)) {
        return column;
      }
    }
    problems.add(field + ": no column \"" + name + "\" in " + where + "; its columns: "
        + String.join(", ", Arrays.asList(raw.columns())));
    return name;
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }
}
