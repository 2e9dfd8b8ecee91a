package io.troupe.driver.data;

import io.troupe.InvalidInputException;
import io.troupe.config.DataSpec;
import io.troupe.config.SparkSourceSpec;
import io.troupe.data.Dataset;
import io.troupe.data.SourceData;
import io.troupe.data.Task;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Reads data.source spark through a SparkSession into the in-memory {@link SourceData} every other
 * source gives, so splitting, scaling and the broadcast to executors work unchanged.
 *
 * <p>In order: open both parts, selecting only the feature and label columns; check their types;
 * one aggregation per part finds its rows, feature count, nulls and labels out of range; the size
 * is checked against data.spark.maxBytes; only then are the rows collected (pixels checked on the
 * way, where a check costs nothing). Every problem is an
 * {@link InvalidInputException} naming the config field, the column and the path or table.
 */
public final class SparkDataLoader {
  private SparkDataLoader() {}

  /** The training and test sets of {@code data} (whose source is spark). */
  public static SourceData load(SparkSession spark, DataSpec data) {
    CheckedSource source = check(spark, data);
    SizeLimit.check(source.train(), source.trainRows(), source.test(), source.testRows(), source.features(),
        source.bytesPerValue(), data.spark().maxBytes());
    Dataset trainSet = RowCollector.collect(source.train(), source.trainRows(), source.shape(), source.task(),
        source.classes(), source.pixels());
    Dataset testSet = RowCollector.collect(source.test(), source.testRows(), source.shape(), source.task(),
        source.classes(), source.pixels());
    return new SourceData(trainSet, testSet);
  }

  /**
   * Both parts of a spark source, opened and checked (types, rows, feature count, nulls, labels),
   * nothing read yet but one aggregation per part.
   */
  static CheckedSource check(SparkSession spark, DataSpec data) {
    SparkSourceSpec spec = data.spark();
    Task task = data.task();
    int[] image = spec.imageDims();
    PartColumns train = PartColumns.of(SourcePart.open(spark, spec, spec.train(), "data.spark"));
    PartColumns test = PartColumns.of(SourcePart.open(spark, spec, spec.test(), "data.spark.test"));

    PartStats trainStats = PartStats.of(train, spec.classes());
    throwIfAny(PartChecks.problems(train, trainStats, task, spec.classes(),
        "data.spark.classes is " + spec.classes(), image));
    int classes = task == Task.CLASSIFICATION ? classes(spec, train, trainStats) : 0;
    Integer testClasses = task == Task.CLASSIFICATION ? classes : null;
    PartStats testStats = PartStats.of(test, testClasses);
    throwIfAny(PartChecks.problems(test, testStats, task, testClasses, spec.classes() != null
        ? "data.spark.classes is " + classes
        : "the training labels make " + classes + " classes (0.." + (classes - 1) + ")", image));
    int features = trainStats.features();
    if (testStats.features() != features) {
      throw new InvalidInputException("data.spark.test: " + test.part().where() + " has " + testStats.features()
          + " features a row, but the training data (" + train.part().where() + ") has " + features);
    }
    int[] shape = image != null ? image : new int[] {features};
    return new CheckedSource(train, trainStats.rows(), test, testStats.rows(), features, shape, task, classes,
        image != null);
  }

  /**
   * A spark source's two parts, checked.
   *
   * @param shape one example's feature shape, e.g. {784} or {1, 28, 28}
   * @param classes the class count (0 for regression)
   * @param pixels the features are pixels, kept as bytes
   */
  record CheckedSource(PartColumns train, long trainRows, PartColumns test, long testRows, int features,
      int[] shape, Task task, int classes, boolean pixels) {

    int bytesPerValue() {
      return pixels ? 1 : 4;
    }
  }

  /** data.spark.classes, else the largest training label + 1, which no more than the training rows may need. */
  private static int classes(SparkSourceSpec spec, PartColumns train, PartStats stats) {
    if (spec.classes() != null) {
      return spec.classes();
    }
    long inferred = stats.maxLabel().longValue() + 1;
    if (inferred > stats.rows()) {
      throw new InvalidInputException("data.spark.label: column \"" + train.part().label() + "\" has labels up to "
          + PartChecks.number(stats.maxLabel()) + " in " + train.part().where() + ", more classes than its "
          + stats.rows() + " rows; class labels must be 0..K-1 (set data.spark.classes if classes are missing from"
          + " the training data on purpose)");
    }
    return (int) inferred;
  }

  private static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
