package io.troupe.driver.data;

import io.troupe.InvalidInputException;
import io.troupe.data.DataSize;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks on a spark source's size, made on counted rows before any row is collected:
 * data.spark.maxBytes for the whole source, and what one Java array can hold for each part.
 */
final class SizeLimit {
  /** The most elements a JVM array reliably holds (a few below Integer.MAX_VALUE). */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private SizeLimit() {}

  /** Bad input if the parts, {@code bytesPerValue} a feature, would exceed {@code maxBytes} or one array. */
  static void check(PartColumns train, long trainRows, PartColumns test, long testRows, long features,
      int bytesPerValue, long maxBytes) {
    List<String> problems = new ArrayList<>();
    DataSize size = new DataSize(trainRows + testRows, features, bytesPerValue);
    if (size.bytes() > maxBytes) {
      problems.add("data.spark.maxBytes: the data would take " + DataSize.megabytes(size.bytes()) + " in memory (train "
          + trainRows + " + test " + testRows + " rows x " + features + " features x " + bytesPerValue
          + (bytesPerValue == 1 ? " byte" : " bytes") + "), above the limit of " + DataSize.megabytes(maxBytes)
          + "; the driver holds it and every executor a copy. Raise"
          + " data.spark.maxBytes if they have the memory (spark.driver.memory, spark.executor.memory), or read"
          + " fewer rows or columns (e.g. a sample of the table)");
    }
    arrayLimit(train, trainRows, features, problems);
    arrayLimit(test, testRows, features, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  /**
   * A partitioned source's limits: data.spark.maxBytes for what the driver holds ({@code driverRows}
   * of the training pool, and the test part), one Java array for that and for each worker's share of
   * {@code trainRows}.
   */
  static void checkPartitioned(SparkDataLoader.CheckedSource source, long driverRows, int workers, long trainRows,
      long maxBytes) {
    List<String> problems = new ArrayList<>();
    long features = source.features();
    DataSize size = new DataSize(driverRows + source.testRows(), features, source.bytesPerValue());
    if (size.bytes() > maxBytes) {
      problems.add("data.spark.maxBytes: the driver's rows would take " + DataSize.megabytes(size.bytes())
          + " in memory (validation and train-evaluation " + driverRows + " + test " + source.testRows()
          + " rows x " + features + " features), above the limit of " + DataSize.megabytes(maxBytes) + "; the"
          + " training rows stay on the executors, but these the driver holds and every executor a copy. Cap them"
          + " (data.subset.validation, data.subset.test, train.monitor.trainEvalExamples) or raise"
          + " data.spark.maxBytes");
    }
    arrayLimit(source.train(), driverRows, features, problems);
    arrayLimit(source.train(), (trainRows + workers - 1) / workers, features, problems);
    arrayLimit(source.test(), source.testRows(), features, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private static void arrayLimit(PartColumns part, long rows, long features, List<String> problems) {
    if (rows * features > MAX_ARRAY) {
      problems.add(part.part().field() + ": " + part.part().where() + " has " + rows + " rows x " + features
          + " features = " + rows * features + " values, more than one Java array holds (" + MAX_ARRAY
          + "); read fewer rows or columns");
    }
  }
}
