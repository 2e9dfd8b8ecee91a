package io.troupe.jobs;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.search.bench.Quartiles;
import io.troupe.train.TrialProgress;
import io.troupe.train.TrialRunner;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trainer figures for one config, measured side by side in one process: training throughput
 * (samples/s in the training loop) and the cost of monitoring, from runs with monitoring on and
 * off in ABBA order (on, off, off, on, ...) so drift on a shared machine hits both arms alike,
 * after one discarded warm-up run.
 * Figures are medians of per-pair ratios; nothing is asserted, they are printed.
 */
final class BenchCommand implements Command {
  static final int PAIRS = 3;

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "trainer throughput and monitoring overhead, monitoring on/off side by side (set train.epochs to size it)";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.SET, CliOption.MASTER, CliOption.JSON);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe bench conf/examples/fashion-mlp.yaml --set train.epochs=3",
        "troupe bench conf/examples/fashion-mlp.yaml --set train.epochs=1 --json out/bench-throughput.json");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    Experiment experiment = Experiment.load(args, err);
    ExperimentSpec spec = experiment.spec();
    DataSplits splits = experiment.splits();
    out.printf("bench %s: %s, %s lr %s, batch %d, %d train examples, %d epochs per run, OMP_NUM_THREADS=%s%n",
        spec.name(), spec.model().type().configName() + " " + spec.model().hidden(), spec.train().optimizer().type().configName(),
        spec.train().optimizer().lr(), spec.train().batchSize(), splits.train().size(), spec.train().epochs(),
        System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    Path scratch = Files.createTempDirectory("troupe-bench");
    // One discarded run first: JIT compilation and ND4J's first-use costs would land on pair 1.
    once(ConfigLoader.withValues(spec, Map.of("train.epochs", 1)), splits, true, scratch.resolve("warmup"));
    List<double[]> on = new ArrayList<>();
    List<double[]> off = new ArrayList<>();
    for (int pair = 0; pair < PAIRS; pair++) {
      boolean onFirst = pair % 2 == 0;
      for (boolean monitor : onFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
        double[] r = once(spec, splits, monitor, scratch.resolve("run" + pair + monitor));
        (monitor ? on : off).add(r);
        out.printf("  pair %d monitor=%-5s training %.2f s/epoch  %,.0f samples/s  whole trial %.1f s%n",
            pair + 1, monitor, r[0], r[1], r[2]);
      }
    }
    double[] trainRatio = new double[PAIRS];
    double[] wallRatio = new double[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      trainRatio[i] = on.get(i)[0] / off.get(i)[0];
      wallRatio[i] = on.get(i)[2] / off.get(i)[2];
    }
    double offRate = median(off.stream().mapToDouble(r -> r[1]).toArray());
    double onRate = median(on.stream().mapToDouble(r -> r[1]).toArray());
    out.printf("training throughput, monitoring off (median): %,.0f samples/s%n", offRate);
    out.printf("training throughput, monitoring on  (median): %,.0f samples/s%n", onRate);
    out.printf("monitoring overhead (median of paired ratios): training loop %+.1f%%, whole trial %+.1f%%%n",
        100 * (median(trainRatio) - 1), 100 * (median(wallRatio) - 1));
    new Measurements().put("config", spec.name()).put("batch", spec.train().batchSize())
        .put("threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"))
        .put("train_examples", splits.train().size()).put("epochs_per_run", spec.train().epochs())
        .put("samples_per_second_monitor_off", offRate).put("samples_per_second_monitor_on", onRate)
        .put("monitor_overhead_training", median(trainRatio) - 1).put("monitor_overhead_trial", median(wallRatio) - 1)
        .writeIfAsked(args);
    return TroupeMain.OK;
  }

  /** {training seconds per epoch, training samples/s, whole-trial seconds}. */
  private static double[] once(ExperimentSpec base, DataSplits splits, boolean monitor, Path artifacts) {
    ExperimentSpec spec = ConfigLoader.withValues(base, Map.of("train.monitor.enabled", monitor));
    // Each run starts from a collected heap, so a full collection the previous run left due does
    // not land on whichever arm comes next (with the throughput collector it costs whole seconds).
    System.gc();
    long start = System.nanoTime();
    TrialResult r = new TrialRunner(new LocalArtifactStore(artifacts), TrialProgress.SILENT)
        .run(TrialSpec.of(spec, "bench", Map.of()), splits);
    double wall = (System.nanoTime() - start) / 1e9;
    if (!(r instanceof TrialResult.Completed)) {
      throw new IllegalStateException("bench run ended " + r.status() + ": " + ResultSummary.describe(r));
    }
    double perEpoch = r.info().history().stream().mapToDouble(EpochStats::seconds).average().orElse(Double.NaN);
    return new double[] {perEpoch, splits.train().size() / perEpoch, wall};
  }

  private static double median(double[] values) {
    return Quartiles.of(values).median();
  }
}
