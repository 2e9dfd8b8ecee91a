package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;

/** Where one part of a spark source lives: a path Spark can read, or a catalog table; exactly one. */
@Doc("The test part of source spark: a path or a catalog table, read with the training part's format, options and columns.")
public record SparkLocationSpec(
    @Doc("Path or URI of the test data (hdfs://, s3a://, file:, or a local path; a file, directory or glob). Give this or table.")
    @Default("null") String path,
    @Doc("Catalog table (or view) holding the test data, e.g. db.fashion_test. Give this or path.")
    @Default("null") String table)
    implements CrossChecked {

  @Override
  public void crossCheck(Checks checks) {
    requireOne(checks, path, table, "the test part");
  }

  /** How messages name this location: "path hdfs://…/test" or "table db.t". */
  public String describe() {
    return path != null ? "path " + path : "table " + table;
  }

  /** The path or table, with {@code prefix} (e.g. data.spark.test), as messages name its config field. */
  public String configPath(String prefix) {
    return prefix + (path != null ? ".path" : ".table");
  }

  /** One of path and table must be given, not both; {@code part} says whose location it is. */
  static void requireOne(Checks checks, String path, String table, String part) {
    if (path == null && table == null) {
      checks.fail("path", "required (or " + checks.path("table") + "): where " + part + " is");
    } else if (path != null && table != null) {
      checks.fail("table", "given with " + checks.path("path") + "; give one of them for " + part);
    } else if (path != null && path.isBlank()) {
      checks.fail("path", "must not be blank");
    } else if (table != null && table.isBlank()) {
      checks.fail("table", "must not be blank");
    }
  }
}
