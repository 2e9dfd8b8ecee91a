package io.troupe.driver.data;

import io.troupe.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * How one part's features are laid out (one vector column, one array column, or numeric columns)
 * and the frame they become: a {@code features} array of floats and a {@code label} double, the
 * one shape every later step reads. A column of another type is bad input naming it and its type.
 */
final class PartColumns {
  /** The three layouts data.spark.features accepts. */
  enum Layout { VECTOR, ARRAY, COLUMNS }

  static final String FEATURES = "features";
  static final String LABEL = "label";

  private final SourcePart part;
  private final Layout layout;
  private final Dataset<Row> normalized;

  private PartColumns(SourcePart part, Layout layout) {
    this.part = part;
    this.layout = layout;
    Dataset<Row> selected = part.selected();
    Column label = selected.col(SourcePart.quoted(part.label())).cast(DataTypes.DoubleType).as(LABEL);
    this.normalized = selected.select(features(selected).as(FEATURES), label);
  }

  /** Checks the column types of {@code part}. */
  static PartColumns of(SourcePart part) {
    StructType schema = part.selected().schema();
    List<String> problems = new ArrayList<>();
    Layout layout = layout(part, schema, problems);
    DataType label = schema.apply(part.label()).dataType();
    if (!(label instanceof NumericType)) {
      problems.add("data.spark.label: column \"" + part.label() + "\" in " + part.where() + " is " + label.simpleString()
          + ", expected a number" + csvHint(part, label));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new PartColumns(part, layout);
  }

  Layout layout() {
    return layout;
  }

  SourcePart part() {
    return part;
  }

  /** The part as {@code features} (array of floats, null where the source is null) and {@code label} (double). */
  Dataset<Row> normalized() {
    return normalized;
  }

  private Column features(Dataset<Row> selected) {
    List<String> names = part.features();
    return switch (layout) {
      case VECTOR -> functions.vector_to_array(selected.col(SourcePart.quoted(names.get(0))), "float32");
      // Keeping the source's containsNull lets PartStats skip looking for null elements it cannot hold.
      case ARRAY -> selected.col(SourcePart.quoted(names.get(0))).cast(DataTypes.createArrayType(DataTypes.FloatType,
          ((ArrayType) selected.schema().apply(names.get(0)).dataType()).containsNull()));
      case COLUMNS -> org.apache.spark.sql.functions.array(names.stream()
          .map(n -> selected.col(SourcePart.quoted(n)).cast(DataTypes.FloatType)).toArray(Column[]::new));
    };
  }

  private static Layout layout(SourcePart part, StructType schema, List<String> problems) {
    List<String> names = part.features();
    if (names.size() == 1) {
      DataType type = schema.apply(names.get(0)).dataType();
      if (isVector(type)) {
        return Layout.VECTOR;
      }
      if (type instanceof ArrayType array) {
        if (!(array.elementType() instanceof NumericType)) {
          problems.add(wrongType(part, names.get(0), type, "an array of numbers"));
        }
        return Layout.ARRAY;
      }
    }
    for (String name : names) {
      DataType type = schema.apply(name).dataType();
      if (names.size() > 1 && (isVector(type) || type instanceof ArrayType)) {
        problems.add("data.spark.features: column \"" + name + "\" in " + part.where() + " is " + type.simpleString()
            + ": a vector or array column must be the only feature column");
      } else if (!(type instanceof NumericType)) {
        problems.add(wrongType(part, name, type, names.size() == 1
            ? "a number, an array of numbers or a Spark ML vector" : "a number") + csvHint(part, type));
      }
    }
    return Layout.COLUMNS;
  }

  private static boolean isVector(DataType type) {
    // Spark ML's vector, or the older MLlib one; vector_to_array reads both.
    return type.equals(SQLDataTypes.VectorType()) || type instanceof org.apache.spark.mllib.linalg.VectorUDT;
  }

  private static String wrongType(SourcePart part, String column, DataType type, String expected) {
    return "data.spark.features: column \"" + column + "\" in " + part.where() + " is " + type.simpleString()
        + ", expected " + expected;
  }

  private static String csvHint(SourcePart part, DataType type) {
    return part.where().startsWith("csv ") && type.equals(DataTypes.StringType)
        ? " (csv columns are text unless data.spark.options has inferSchema: true)" : "";
  }
}
