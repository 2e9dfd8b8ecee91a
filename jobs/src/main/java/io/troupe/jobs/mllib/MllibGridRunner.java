package io.troupe.jobs.mllib;

import io.troupe.data.DataSplits;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the MLlib side: fits a MultilayerPerceptronClassifier for every grid point on Troupe's
 * training part and scores it on Troupe's validation and test parts.
 *
 * <p>Why not {@code TrainValidationSplit}: it draws its own random split of one DataFrame
 * ({@code trainRatio}), so it could not validate on Troupe's validation rows. Fitting each param
 * map on the training part and evaluating it on the validation part is what it does inside, here
 * on exactly the rows Troupe uses; the best point is then picked by validation accuracy, as on the
 * Troupe side, and only its test accuracy is reported.
 */
public final class MllibGridRunner {
  public static final String PEER = "Spark MLlib MultilayerPerceptronClassifier";
  public static final String SOLVER = "l-bfgs";

  private final SparkSession spark;
  private final PrintStream progress;

  public MllibGridRunner(SparkSession spark, PrintStream progress) {
    this.spark = spark;
    this.progress = progress;
  }

  /** The classifier as every point uses it, before the point's layers, maxIter and seed. */
  public static MultilayerPerceptronClassifier classifier() {
    return new MultilayerPerceptronClassifier().setSolver(SOLVER)
        .setFeaturesCol(SplitFrames.FEATURES).setLabelCol(SplitFrames.LABEL);
  }

  /** Fits and scores every point; the wall time covers building the frames too. */
  public GridRun run(DataSplits splits, List<MllibPoint> points, int partitions) {
    long start = System.nanoTime();
    SplitFrames frames = SplitFrames.of(spark, splits, partitions);
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
        .setMetricName("accuracy").setLabelCol(SplitFrames.LABEL);
    List<GridScore> scores = new ArrayList<>();
    try {
      for (MllibPoint p : points) {
        long t = System.nanoTime();
        MultilayerPerceptronClassificationModel model = classifier()
            .setLayers(p.layerArray()).setMaxIter(p.maxIter()).setSeed(p.seed()).fit(frames.train());
        double val = accuracy.evaluate(model.transform(frames.validation()));
        double test = accuracy.evaluate(model.transform(frames.test()));
        GridScore score = new GridScore(p.trialId(), p.params(), val, test, (System.nanoTime() - t) / 1e9,
            model.summary().totalIterations());
        scores.add(score);
        progress.printf("mllib: %s %s maxIter %d: %d iterations, val_accuracy %.4f, %.1f s (%d/%d)%n", p.trialId(),
            p.params(), p.maxIter(), score.steps(), val, score.seconds(), scores.size(), points.size());
      }
    } finally {
      frames.unpersist();
    }
    return new GridRun(PEER, scores, (System.nanoTime() - start) / 1e9);
  }

  /** Which BLAS MLlib's dense products run on: a native library if netlib finds one, else Java. */
  public static String blas() {
    try {
      dev.ludovic.netlib.blas.NativeBLAS.getInstance();
      return "native " + System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3") + " (netlib JNI)";
    } catch (RuntimeException | LinkageError e) {
      return "Java (" + dev.ludovic.netlib.blas.JavaBLAS.getInstance().getClass().getSimpleName()
          + "; no native BLAS found)";
    }
  }
}
