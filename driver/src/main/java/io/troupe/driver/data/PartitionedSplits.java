package io.troupe.driver.data;

import io.troupe.InvalidInputException;
import io.troupe.config.DataSpec;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.DataSplitter;
import io.troupe.data.Dataset;
import io.troupe.data.FeatureSums;
import io.troupe.data.FeatureTransform;
import io.troupe.data.Fingerprints;
import io.troupe.data.PartitionedTrain;
import io.troupe.data.Scaling;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A data-parallel config's spark source, split without its training rows ever reaching the driver
 * or one executor: each of the train.distributed.workers workers gets its own share, built on an
 * executor and cached there (memory, spilling to disk), so a dataset larger than any one JVM's
 * memory trains. The driver holds validation, test and the first training rows (the train-set
 * evaluation's); {@link DataSplits#partitioned()} names the rest.
 *
 * <p>The rows match the collected path's: validation is the same rows in the same order, and the
 * training part is the same rows, worker w holding training rows w, w + N, w + 2N, ... Scaling is
 * fitted over all the workers' rows (the same figures up to the order of summation). If an
 * executor is lost, Spark rebuilds its part from the source, the same way.
 */
public final class PartitionedSplits {
  private PartitionedSplits() {}

  public static DataSplits load(SparkSession spark, ExperimentSpec spec) {
    DataSpec data = spec.data();
    SparkDataLoader.CheckedSource source = SparkDataLoader.check(spark, data);
    int workers = spec.train().distributed().workers();
    long seed = spec.dataSeed();
    String where = source.train().part().where();
    JavaRDD<LabeledRow> rows = labeled(source.train());

    PoolIndex index = PoolIndex.of(rows, Arrays.toString(source.shape()) + " " + source.task() + " "
        + source.classes() + (source.pixels() ? " pixels" : " floats"));
    if (index.rows() != source.trainRows()) {
      throw new IllegalStateException(where + " changed while it was read: " + source.trainRows()
          + " rows when counted, " + index.rows() + " when numbered");
    }
    if (index.rows() > SizeLimit.MAX_ARRAY) {
      throw new InvalidInputException(source.train().part().field() + ": " + where + " has " + index.rows()
          + " rows, more than a split can number (" + SizeLimit.MAX_ARRAY + ")");
    }
    int pool = (int) index.rows();
    DataSplitter.SplitPlan plan = DataSplitter.plan(pool, Math.toIntExact(source.testRows()), data.validation(),
        data.subset().train(), data.subset().validation(), data.subset().test());
    int head = Math.min(plan.trainKept(), spec.train().monitor().trainEvalExamples());
    SizeLimit.checkPartitioned(source, plan.validationKept() + head, workers, plan.trainKept(),
        data.spark().maxBytes());

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Kept for the life of the session: a lost part is rebuilt from the source through it.
    Broadcast<int[]> place = jsc.broadcast(PoolRouting.places(DataSplitter.poolPermutation(pool, seed)));
    PoolRouting routing = new PoolRouting(index, place, plan, workers, head);
    WorkerParts.Layout layout = new WorkerParts.Layout(where, PartChecks.describe(source.train()), source.shape(),
        source.task(), source.classes(), source.pixels());

    JavaRDD<WorkerPart> parts = WorkerParts.of(rows, routing, layout).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return split(spec, source, rows, index, plan, routing, layout, parts);
    } catch (RuntimeException e) {
      parts.unpersist(false);
      throw e;
    }
  }

  private static DataSplits split(ExperimentSpec spec, SparkDataLoader.CheckedSource source, JavaRDD<LabeledRow> rows,
      PoolIndex index, DataSplitter.SplitPlan plan, PoolRouting routing, WorkerParts.Layout layout,
      JavaRDD<WorkerPart> parts) {
    DataSpec data = spec.data();
    long seed = spec.dataSeed();
    boolean sums = data.scaling() == Scaling.STANDARDIZE || (data.scaling() == Scaling.UNIT && !source.pixels());
    List<WorkerPart.Summary> summaries = parts.map(p -> p.summary(sums)).collect(); // builds and caches them
    throwIfBadPixels(summaries, layout, plan.trainKept());
    FeatureTransform transform = FeatureTransform.fitPieces(data.scaling(), source.pixels(), source.features(),
        sums ? summaries.stream().map(WorkerPart.Summary::sums).reduce(FeatureSums::plus).orElseThrow() : null,
        mean -> parts.map(p -> FeatureSums.squaredDeviations(p.rows(), mean)).reduce(PartitionedSplits::add));

    Dataset[] driverRows = driverRows(rows, routing, layout);
    Dataset wholeTest = RowCollector.collect(source.test(), source.testRows(), source.shape(), source.task(),
        source.classes(), source.pixels());
    Dataset test = DataSplitter.testPart(wholeTest, plan.testKept(), seed);
    PartitionedTrain partitioned = PartitionedTraining.register(parts, plan.trainKept());
    return new DataSplits(driverRows[1], driverRows[0], test, transform,
        Fingerprints.combine(index.fingerprint(), wholeTest.fingerprint()), partitioned);
  }

  private static JavaRDD<LabeledRow> labeled(PartColumns part) {
    return part.normalized().as(Encoders.bean(LabeledRow.class)).javaRDD();
  }

  /** Validation ([0]) and the training head ([1]), fetched one source partition at a time. */
  private static Dataset[] driverRows(JavaRDD<LabeledRow> rows, PoolRouting routing, WorkerParts.Layout layout) {
    int validation = routing.validationKept();
    DatasetBuilder validationRows = new DatasetBuilder(layout.where() + "#validation", layout.columns(), validation,
        layout.shape(), layout.task(), layout.pixels());
    DatasetBuilder headRows = new DatasetBuilder(layout.where() + "#train-head", layout.columns(), routing.head(),
        layout.shape(), layout.task(), layout.pixels());
    Iterator<Tuple2<Integer, LabeledRow>> it = WorkerParts.driverRows(rows, routing).toLocalIterator();
    while (it.hasNext()) {
      Tuple2<Integer, LabeledRow> row = it.next();
      int slot = row._1();
      DatasetBuilder into = slot < validation ? validationRows : headRows;
      into.set(slot < validation ? slot : slot - validation, row._2().getFeatures(), row._2().getLabel());
    }
    return new Dataset[] {validationRows.build(layout.classes()), headRows.build(layout.classes())};
  }

  private static void throwIfBadPixels(List<WorkerPart.Summary> summaries, WorkerParts.Layout layout, int rows) {
    long bad = 0;
    float example = 0;
    for (WorkerPart.Summary s : summaries) {
      if (s.badPixelRows() > 0 && bad == 0) {
        example = s.badPixel();
      }
      bad += s.badPixelRows();
    }
    if (bad > 0) {
      throw new InvalidInputException(DatasetBuilder.badPixels(layout.columns(), bad, rows,
          layout.where() + " (training part)", example));
    }
  }

  private static double[] add(double[] a, double[] b) {
    double[] sum = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      sum[j] = a[j] + b[j];
    }
    return sum;
  }
}
