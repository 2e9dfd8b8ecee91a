package io.troupe.jobs.report;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.driver.store.RunManifest;
import io.troupe.trial.Diagnosis;
import io.troupe.trial.DivergencePoint;
import io.troupe.trial.EpochStats;
import io.troupe.trial.LayerStats;
import io.troupe.trial.Provenance;
import io.troupe.trial.TrialInfo;
import io.troupe.trial.TrialJson;
import io.troupe.trial.TrialResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Realistic stored results, written the way the project writes them, for the report tests. */
final class ReportFixtures {
  private ReportFixtures() {}

  static final String COMPARISON_HEADER = "strategy,combiner,members,train_epochs,models_stored,inference_passes,"
      + "accuracy,nll,brier,ece,macro_f1,mean_member_accuracy,oracle_accuracy,disagreement,ties,oob_accuracy,mse,mae";

  /** A classification comparison: true/average is best (0.9012); blank cells where a figure does not apply. */
  static final List<String> COMPARISON_ROWS = List.of(
      "single,-,1,20,1,1,0.8841,0.3312,0.1702,0.021,0.8832,0.8841,0.8841,0,0,,,",
      "true,average,5,100,5,5,0.9012,0.2801,0.1465,0.012,0.9005,0.885,0.957,0.081,,,,",
      "true,vote,5,100,5,5,0.899,,,,0.8981,0.885,0.957,0.081,12,,,",
      "bagging,average,5,100,5,5,0.8964,0.2903,0.1512,0.015,0.8957,0.876,0.9612,0.102,,0.8712,,",
      "snapshots,average,5,20,5,5,0.8905,0.31,0.161,0.018,0.8899,0.8801,0.932,0.045,,,,",
      "snapshots-control,average,5,20,5,5,0.887,0.32,0.165,0.019,0.8861,0.8811,0.912,0.03,,,,",
      "swa,parameter-average,1,20,1,1,0.8921,0.305,0.159,0.016,0.8915,,,,,,,",
      "soup,parameter-average,5,100,1,1,0.895,0.295,0.153,0.014,0.8944,0.885,,,,,,");

  /** The uncertainty columns comparison.csv has had since Troupe stored them. */
  static final String UNCERTAINTY_HEADER = ",accuracy_low,accuracy_high,accuracy_p,nll_low,nll_high,nll_p,mse_low,"
      + "mse_high,mse_p";

  /**
   * A comparison with intervals and tests against its first row (the quickstart's figures): true /
   * average clearly better, snapshots / vote within noise, the negative control far below.
   */
  static Path testedComparison(Path dir) throws IOException {
    return write(dir.resolve("comparison.csv"), COMPARISON_HEADER + UNCERTAINTY_HEADER, List.of(
        "single,-,1,6,1,1,0.8341,0.4773,0.238,0.0308,0.8294,0.8341,0.8341,0,,,,,0.8268,0.8413,,0.46,0.495,,,,",
        "true,average,5,30,5,5,0.856,0.4059,0.2061,0.0203,0.8538,0.8383,0.9279,0.1186,,,,,0.849,0.8629,0.000012,"
            + "0.392,0.42,0.0005,,,",
        "snapshots,vote,5,6,5,5,0.8355,0.4793,0.273,0.1273,0.8466,0.846,0.8825,0.0438,19,,,,0.8282,0.8427,0.31,"
            + "0.461,0.497,0.52,,,",
        "independent-average,parameter-average,5,30,2,1,0.1,2.2074,0.896,0.1669,0.0182,0.8383,0.9279,0.1186,,,,,"
            + "0.0941,0.1059,0.0001,2.2,2.215,0.0005,,,"));
  }

  /** The run's files around {@code file}, as the report reads them. */
  static io.troupe.artifacts.LocalArtifactStore filesOf(Path file) {
    return new io.troupe.artifacts.LocalArtifactStore(file.toAbsolutePath().getParent());
  }

  static Path comparison(Path dir) throws IOException {
    return write(dir.resolve("comparison.csv"), COMPARISON_HEADER, COMPARISON_ROWS);
  }

  /** A regression comparison with one extra column: classification columns blank, bagging/average lowest mse. */
  static Path regressionComparison(Path dir) throws IOException {
    return write(dir.resolve("comparison.csv"), COMPARISON_HEADER + ",seconds", List.of(
        "single,-,1,20,1,1,,,,,,,,,,,0.412,0.51,60.5",
        "bagging,average,5,100,5,5,,,,,,,,,,,0.298,0.431,301",
        "snapshots,average,5,20,5,5,,,,,,,,,,,0.35,0.47,64",
        "ema,parameter-average,1,20,1,1,,,,,,,,,,,0.377,0.49,62"));
  }

  static Path membersCurve(Path dir) throws IOException {
    List<String> rows = new ArrayList<>();
    double[] gains = {0, 0.0096, 0.0141, 0.016, 0.0171};
    for (int k = 1; k <= 5; k++) {
      rows.add("true,average," + k + "," + (0.8841 + gains[k - 1]) + ",");
      rows.add("bagging,vote," + k + "," + (0.876 + gains[k - 1] * 1.2) + ",");
      rows.add("snapshots,average," + k + "," + (0.8801 + gains[k - 1] * 0.6) + ",");
    }
    return write(dir.resolve("members-curve.csv"), "strategy,combiner,members,accuracy,mse", rows);
  }

  /**
   * A learning-rate sweep written with the project's own TrialJson: 5 completed trials, one
   * diverged at lr 2.5 and one that failed. Returns the lines, each a record. Accuracy and loss
   * disagree on the best, as they can: t3 (lr 0.03) has the highest val_accuracy, t2 (lr 0.01) the
   * lowest val_loss.
   */
  static List<String> sweepLines() {
    List<String> lines = new ArrayList<>();
    double[] rates = {0.001, 0.003, 0.01, 0.03, 0.1};
    double[] accuracies = {0.81, 0.85, 0.88, 0.8863, 0.86};
    double[] losses = {0.52, 0.41, 0.29, 0.33, 0.37};
    for (int i = 0; i < rates.length; i++) {
      lines.add(TrialJson.toLine(new TrialResult.Completed(info("t" + i, rates[i], accuracies[i], losses[i], 6),
          null, null, null)));
    }
    lines.add(TrialJson.toLine(new TrialResult.Diverged(info("t5", 2.5, Double.NaN, Double.NaN, 2),
        new DivergencePoint(2, 130, Double.POSITIVE_INFINITY, 2.3, "loss is Infinity"))));
    lines.add(TrialJson.toLine(new TrialResult.Failed(
        TrialInfo.untrained("t6", Map.of("train.optimizer.lr", 0.2), 6, Map.of(), provenance(), 0.1),
        "java.lang.OutOfMemoryError", "Java heap space")));
    return lines;
  }

  /** A trial's record as TrialRunner fills it: a loss that falls faster with a larger rate, per-layer ratios. */
  static TrialInfo info(String id, double lr, double valAccuracy, double valLoss, int epochs) {
    List<EpochStats> history = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      double train = 0.3 + 2.0 * Math.exp(-e * Math.sqrt(lr * 30));
      List<LayerStats> layers = List.of(
          new LayerStats("0:dense", lr * 0.08 / e, 0.2, 0.6, 0.05),
          new LayerStats("1:dense", lr * 0.05 / e, 0.1, 0.5, 0.02),
          new LayerStats("2:output", lr * 0.03 / e, 0.0, 0.3, Double.NaN));
      history.add(new EpochStats(e, train, train * 0.95, valAccuracy, train + 0.04 + 0.01 * e, valAccuracy, lr, 1.3,
          layers, 2.5));
    }
    Map<String, Double> metrics = Double.isNaN(valAccuracy) ? Map.of("val_loss", Double.NaN)
        : Map.of("val_accuracy", valAccuracy, "val_loss", valLoss, "test_accuracy", valAccuracy - 0.004);
    return new TrialInfo(id, Map.of("train.optimizer.lr", lr, "train.l2", 1e-4), 42, history, metrics,
        new Diagnosis(Diagnosis.LearningRateVerdict.FINE, Diagnosis.FitVerdict.GOOD, List.of()), provenance(),
        epochs * 2.5, Map.of());
  }

  static Provenance provenance() {
    return new Provenance("CpuBackend", "cpu", 1, "troupe 0.1.0", "17", "node-1", "linux", "sha256:ab12");
  }

  /** Writes the run.json of a small synthetic config with {@code sets} such as "objective.metric=val_loss". */
  static Path manifest(Path dir, String... sets) throws IOException {
    ExperimentSpec spec = ConfigLoader.parse("data: {source: synthetic}", "sweep.yaml", "sweep", List.of(sets));
    RunManifest manifest = RunManifest.of(spec, "sweep", "sha256:data", List.of("sweep", "sweep.yaml"), Map.of(),
        Instant.parse("2026-01-01T00:00:00Z"));
    return Files.write(dir.resolve(RunManifest.FILE), manifest.toBytes());
  }

  /** Writes the lines, each ending in a newline, then {@code tail} as is (a torn last line when not empty). */
  static Path trials(Path dir, List<String> lines, String tail) throws IOException {
    Path file = dir.resolve("trials.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n" + tail, StandardCharsets.UTF_8);
    return file;
  }

  private static Path write(Path file, String header, List<String> rows) throws IOException {
    Files.writeString(file, header + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
