package io.troupe.jobs;

import io.troupe.driver.dispatch.NoOpTrialTask;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Sweep figures, measured side by side in one Spark session: the wall time of 8 equal trials with
 * 1 slot and with 2 slots, twice each in ABBA order after a full warm-up round (the ratio of the
 * sums is the speed-up from running trials in parallel), and the
 * per-trial cost of dispatch itself, from trials that do no work.
 */
final class BenchDispatchCommand implements Command {
  static final int EQUAL_TRIALS = 8;
  static final int NO_OP_TRIALS = 40;

  @Override
  public String name() {
    return "bench-dispatch";
  }

  @Override
  public String summary() {
    return "sweep figures: 8 equal trials on 1 vs 2 slots, and per-trial dispatch overhead with no-op trials";
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    Experiment experiment = Experiment.load(args);
    SparkSession spark = SparkSessions.start(experiment.spec(), args.master() != null ? args.master() : "local[2]");
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      out.printf("bench-dispatch %s on %s: %d train examples, %d epochs per trial%n", experiment.spec().name(),
          spark.sparkContext().master(), experiment.splits().train().size(), experiment.spec().train().epochs());
      Path scratch = Files.createTempDirectory("troupe-bench-dispatch");
      List<TrialSpec> trials = new ArrayList<>();
      for (int i = 0; i < EQUAL_TRIALS; i++) {
        trials.add(TrialSpec.of(experiment.spec(), String.format("b%02d", i), Map.of()));
      }
      // Warm-up, a full round: the C2 JIT compiler keeps a second core busy for tens of seconds
      // after start-up, which would lend the 1-slot arm a core the 2-slot arm does not have.
      time(new TrialDispatcher(jsc, experiment.splits(), scratch.resolve("w").toString(), 2), trials);
      // ABBA (1, 2, 2, 1 slots) so drift on a shared machine hits both arms alike.
      double[] one = new double[2];
      double[] two = new double[2];
      one[0] = time(new TrialDispatcher(jsc, experiment.splits(), scratch.resolve("1a").toString(), 1), trials);
      two[0] = time(new TrialDispatcher(jsc, experiment.splits(), scratch.resolve("2a").toString(), 2), trials);
      two[1] = time(new TrialDispatcher(jsc, experiment.splits(), scratch.resolve("2b").toString(), 2), trials);
      one[1] = time(new TrialDispatcher(jsc, experiment.splits(), scratch.resolve("1b").toString(), 1), trials);
      out.printf("%d equal trials: 1 slot %.1f s and %.1f s, 2 slots %.1f s and %.1f s, speed-up %.2fx%n",
          EQUAL_TRIALS, one[0], one[1], two[0], two[1], (one[0] + one[1]) / (two[0] + two[1]));
      List<TrialSpec> noOps = new ArrayList<>();
      for (int i = 0; i < NO_OP_TRIALS; i++) {
        noOps.add(TrialSpec.of(experiment.spec(), String.format("n%02d", i), Map.of()));
      }
      time(new TrialDispatcher(jsc, experiment.splits(), 1, NoOpTrialTask::new), noOps.subList(0, 5));
      double serial = time(new TrialDispatcher(jsc, experiment.splits(), 1, NoOpTrialTask::new), noOps);
      double parallel = time(new TrialDispatcher(jsc, experiment.splits(), 2, NoOpTrialTask::new), noOps);
      out.printf("dispatch overhead per no-op trial: %.0f ms with 1 slot, %.0f ms of wall time each with 2 slots%n",
          1000 * serial / NO_OP_TRIALS, 1000 * parallel / NO_OP_TRIALS);
      new Measurements().put("config", experiment.spec().name()).put("master", spark.sparkContext().master())
          .put("equal_trials", EQUAL_TRIALS).put("epochs_per_trial", experiment.spec().train().epochs())
          .put("one_slot_seconds", one).put("two_slot_seconds", two)
          .put("speedup", (one[0] + one[1]) / (two[0] + two[1]))
          .put("noop_ms_one_slot", 1000 * serial / NO_OP_TRIALS).put("noop_ms_two_slots", 1000 * parallel / NO_OP_TRIALS)
          .writeIfAsked(args);
      return TroupeMain.OK;
    } finally {
      spark.stop();
    }
  }

  /** Seconds to run all trials through the dispatcher, keeping every slot busy. */
  private static double time(TrialDispatcher dispatcher, List<TrialSpec> trials) throws InterruptedException {
    System.gc(); // each arm starts from a collected heap (see BenchCommand)
    long start = System.nanoTime();
    try (dispatcher) {
      int next = 0;
      int finished = 0;
      while (finished < trials.size()) {
        while (dispatcher.hasFreeSlot() && next < trials.size()) {
          dispatcher.submit(trials.get(next++));
        }
        TrialResult r = dispatcher.next();
        if (!(r instanceof TrialResult.Completed)) {
          throw new IllegalStateException("bench trial " + r.info().trialId() + " ended " + r.status());
        }
        finished++;
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
