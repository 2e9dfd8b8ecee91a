package io.troupe.jobs;

import io.troupe.data.DataSplits;
import io.troupe.driver.dispatch.NoOpTrialTask;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.jobs.bench.Ratios;
import io.troupe.search.bench.Quartiles;
import io.troupe.trial.TrialSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Sweep figures, measured side by side in one Spark session: the wall time of 8 equal trials with
 * 1 slot and with 2 slots, in {@link #PAIRS} pairs of alternating order after the JIT has settled
 * (the median of the pairs' ratios is the speed-up from running trials in parallel, their range its
 * noise), and the per-trial cost of dispatch itself, from trials that do no work.
 *
 * <p>Warm-up: whole rounds on 2 slots until a round is no more than {@link #SETTLED} faster than the
 * one before, at most {@link #MAX_WARM_UP_ROUNDS}. The C2 compiler keeps a core busy for 10-15 s of
 * training in each JVM; a 1-slot arm gets that core for free and a 2-slot arm pays for it, so JIT
 * left in the timed arms would measure start-up, not a sweep. On a cluster every executor is a JVM
 * of its own and warms up on its share of the trials, which takes more rounds than local slots do.
 * The rounds are printed and kept in the JSON, so the start-up cost stays visible.
 */
final class BenchDispatchCommand implements Command {
  static final int EQUAL_TRIALS = 8;
  static final int NO_OP_TRIALS = 40;
  /** Side-by-side pairs of a 1-slot and a 2-slot arm; the speed-up is the median of their ratios. */
  static final int PAIRS = 5;
  static final int MAX_WARM_UP_ROUNDS = 5;
  static final double SETTLED = 0.05;

  @Override
  public String name() {
    return "bench-dispatch";
  }

  @Override
  public String summary() {
    return "sweep figures: 8 equal trials on 1 vs 2 slots, and per-trial dispatch overhead with no-op trials";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.SET, CliOption.MASTER, CliOption.JSON);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe bench-dispatch conf/examples/fashion-mlp.yaml --set train.epochs=1 --set data.subset.train=10000",
        "troupe bench-dispatch conf/examples/fashion-mlp.yaml --master spark://host:7077 --json out/scaling.json");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    Experiment experiment = Experiment.loadForSpark(args);
    SparkSession spark = SparkSessions.start(experiment.spec(), args.master() != null ? args.master() : "local[2]");
    try {
      DataSplits splits = experiment.splits(spark, err);
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      out.printf("bench-dispatch %s on %s: %d train examples, %d epochs per trial%n", experiment.spec().name(),
          spark.sparkContext().master(), splits.train().size(), experiment.spec().train().epochs());
      Path scratch = Files.createTempDirectory("troupe-bench-dispatch");
      List<TrialSpec> trials = new ArrayList<>();
      for (int i = 0; i < EQUAL_TRIALS; i++) {
        trials.add(TrialSpec.of(experiment.spec(), String.format("b%02d", i), Map.of()));
      }
      // One broadcast for every arm, as a sweep has one: executors fetch the data once, in warm-up.
      Broadcast<DataSplits> data = jsc.broadcast(splits);
      List<Double> warmUp = new ArrayList<>();
      while (!settled(warmUp)) {
        warmUp.add(time(TrialDispatcher.sharing(jsc, data, scratch.resolve("w" + warmUp.size()).toString(), 2), trials));
      }
      out.printf("warm-up: %d round(s) on 2 slots, %s s%n", warmUp.size(),
          warmUp.stream().map(r -> String.format("%.1f", r)).collect(Collectors.joining(", ")));
      // Pairs in alternating order (1 2, 2 1, 1 2, ...) so drift on a shared machine hits both arms
      // alike; each pair is one side-by-side ratio, and the figure is their median.
      double[] one = new double[PAIRS];
      double[] two = new double[PAIRS];
      for (int p = 0; p < PAIRS; p++) {
        TrialDispatcher oneSlot = TrialDispatcher.sharing(jsc, data, scratch.resolve("1-" + p).toString(), 1);
        TrialDispatcher twoSlots = TrialDispatcher.sharing(jsc, data, scratch.resolve("2-" + p).toString(), 2);
        if (p % 2 == 0) {
          one[p] = time(oneSlot, trials);
          two[p] = time(twoSlots, trials);
        } else {
          two[p] = time(twoSlots, trials);
          one[p] = time(oneSlot, trials);
        }
      }
      double[] ratios = Ratios.of(one, two); // each pair's speed-up
      double speedup = Quartiles.of(ratios).median();
      out.printf("%d equal trials, %d pairs: 1 slot %s s, 2 slots %s s, speed-up %.2fx (median; pairs %s)%n",
          EQUAL_TRIALS, PAIRS, seconds(one), seconds(two), speedup,
          java.util.Arrays.stream(ratios).mapToObj(r -> String.format("%.2f", r)).collect(Collectors.joining(", ")));
      List<TrialSpec> noOps = new ArrayList<>();
      for (int i = 0; i < NO_OP_TRIALS; i++) {
        noOps.add(TrialSpec.of(experiment.spec(), String.format("n%02d", i), Map.of()));
      }
      time(TrialDispatcher.sharing(jsc, data, 1, NoOpTrialTask::new), noOps.subList(0, 5));
      // Repeated like the pairs above: one timing of 40 no-op trials moved by a few ms from run to run.
      double[] serialMs = new double[PAIRS];
      double[] parallelMs = new double[PAIRS];
      for (int r = 0; r < PAIRS; r++) {
        serialMs[r] = 1000 * time(TrialDispatcher.sharing(jsc, data, 1, NoOpTrialTask::new), noOps) / NO_OP_TRIALS;
        parallelMs[r] = 1000 * time(TrialDispatcher.sharing(jsc, data, 2, NoOpTrialTask::new), noOps) / NO_OP_TRIALS;
      }
      data.destroy();
      double serial = Quartiles.of(serialMs).median();
      double parallel = Quartiles.of(parallelMs).median();
      java.util.DoubleSummaryStatistics serialRange = java.util.Arrays.stream(serialMs).summaryStatistics();
      out.printf("dispatch overhead per no-op trial (median of %d): %.0f ms with 1 slot [%.0f, %.0f], %.0f ms of wall"
          + " time each with 2 slots%n", PAIRS, serial, serialRange.getMin(), serialRange.getMax(), parallel);
      new Measurements().put("config", experiment.spec().name()).put("master", spark.sparkContext().master())
          .put("equal_trials", EQUAL_TRIALS).put("epochs_per_trial", experiment.spec().train().epochs())
          .put("warm_up_seconds", warmUp.stream().mapToDouble(Double::doubleValue).toArray())
          .put("one_slot_seconds", one).put("two_slot_seconds", two)
          .put("pair_speedups", ratios).put("speedup", speedup)
          .put("noop_ms_one_slot", serial).put("noop_ms_two_slots", parallel)
          .put("noop_ms_one_slot_runs", serialMs).put("noop_ms_two_slots_runs", parallelMs)
          .writeIfAsked(args);
      return TroupeMain.OK;
    } finally {
      spark.stop();
    }
  }

  private static String seconds(double[] values) {
    return java.util.Arrays.stream(values).mapToObj(v -> String.format("%.1f", v)).collect(Collectors.joining(", "));
  }

  /**
   * Whether warm-up can stop: the last round was no more than {@link #SETTLED} faster than the one
   * before it (a round that got slower counts as settled: noise, not JIT), or the rounds ran out.
   */
  static boolean settled(List<Double> rounds) {
    int n = rounds.size();
    if (n >= MAX_WARM_UP_ROUNDS) {
      return true;
    }
    return n >= 2 && rounds.get(n - 1) >= (1 - SETTLED) * rounds.get(n - 2);
  }

  /** Seconds to run all trials through the dispatcher, keeping every slot busy. */
  private static double time(TrialDispatcher dispatcher, List<TrialSpec> trials) throws InterruptedException {
    System.gc(); // each arm starts from a collected heap (see BenchCommand)
    long start = System.nanoTime();
    try (dispatcher) {
      BenchTrials.runAll(dispatcher, trials, dispatcher.slots() + "-slot arm");
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
