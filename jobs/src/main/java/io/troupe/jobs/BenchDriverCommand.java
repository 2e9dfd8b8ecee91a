package io.troupe.jobs;

import io.troupe.config.ExperimentSpec;
import io.troupe.driver.api.ExperimentRun;
import io.troupe.driver.dispatch.NoOpTrialTask;
import io.troupe.driver.sweep.SweepOutcome;
import io.troupe.driver.sweep.SweepProgress;
import io.troupe.driver.sweep.SweepRunner;
import io.troupe.jobs.bench.Ratios;
import io.troupe.search.bench.Quartiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The driver's own cost per trial as a sweep grows: whole sweeps of 10, 100 and 2000 trials that do
 * no work, run through everything a real sweep runs on the driver (the study, the dispatcher, the
 * result store writing each record, progress lines, the live report), 3 times in alternating order in
 * one Spark session ({@link #FULL}). The figure is the time per trial between trial ends at 2000 over
 * that at 100: a driver whose bookkeeping grows with the trials so far shows it there. Start-up (data,
 * executors, planning the trials) and the run's outputs at the end are timed apart.
 */
final class BenchDriverCommand implements Command {
  /**
   * The sweeps: {@code sizes} trials each (ascending), {@code repeats} times, each size's time per
   * trial compared with that at {@code reference}, after one untimed sweep of {@code warmUp} trials.
   */
  record Scale(int[] sizes, int reference, int repeats, int warmUp) {}

  /** A warm-up of 1000: with 100, the first timed repeat still ran partly interpreted. */
  static final Scale FULL = new Scale(new int[] {10, 100, 2000}, 100, 3, 1000);
  private final Scale scale;

  BenchDriverCommand() {
    this(FULL);
  }

  /** At another scale: tests run the whole command on a few dozen trials. */
  BenchDriverCommand(Scale scale) {
    this.scale = scale;
  }

  /** The searched value: any one will do, the trials never train. */
  static final String SPACE = "search.space={train.optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}}";

  @Override
  public String name() {
    return "bench-driver";
  }

  @Override
  public String summary() {
    return "the driver's cost per trial in sweeps of 10, 100 and 2000 trials that do no work";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.OUT, CliOption.SET, CliOption.MASTER, CliOption.JSON);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe bench-driver conf/examples/fashion-mlp.yaml --set data.subset.train=1000",
        "troupe bench-driver conf/examples/fashion-mlp.yaml --master spark://host:7077 --json out/driver.json");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    ExperimentRun base = Experiment.run(args).set("search.strategy=random").set(SPACE);
    ExperimentSpec spec = base.spec();
    Path runs = Files.createTempDirectory(Files.createDirectories(args.localOut()), "bench-driver-");
    int[] sizes = scale.sizes();
    int n = sizes.length;
    int repeats = scale.repeats();
    try (CommandSession session = CommandSession.of(spec, args.master())) {
      out.printf("bench-driver %s: sweeps of %s no-op trials, %d repeats, runs in %s%n", spec.name(),
          Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(", ")), repeats, runs);
      new SweepTimer(session, base, runs.resolve("warm-up"), err).time(scale.warmUp()); // JIT and executors, untimed
      double[][] ms = new double[n][repeats];
      double[][] tailMs = new double[n][repeats];
      double[][] startSeconds = new double[n][repeats];
      double[][] endSeconds = new double[n][repeats];
      for (int r = 0; r < repeats; r++) {
        // Alternating order (small first, then large first) so drift on a shared machine hits every size alike.
        for (int k = 0; k < n; k++) {
          int s = r % 2 == 0 ? k : n - 1 - k;
          SweepTimer.Timing t = new SweepTimer(session, base, runs.resolve("r" + r + "-" + sizes[s]), err)
              .time(sizes[s]);
          ms[s][r] = t.msPerTrial();
          tailMs[s][r] = t.msPerTrialOfLast100();
          startSeconds[s][r] = t.startSeconds();
          endSeconds[s][r] = t.endSeconds();
          out.printf("  repeat %d, %4d trials: %.1f ms per trial (last 100: %.1f), start %.1f s, end of run %.1f s,"
                  + " %.1f ms per trial start to end%n", r + 1, sizes[s], t.msPerTrial(), t.msPerTrialOfLast100(),
              t.startSeconds(), t.endSeconds(), t.wholeMsPerTrial(sizes[s]));
        }
      }
      int reference = Arrays.stream(sizes).boxed().toList().indexOf(scale.reference());
      double[] growth = Ratios.of(ms[n - 1], ms[reference]);
      double[] tailGrowth = Ratios.of(tailMs[n - 1], ms[reference]);
      for (int s = 0; s < n; s++) {
        out.printf("%4d trials: %.1f ms per trial (median of %d; %s), end of run %.1f s%n", sizes[s],
            Quartiles.of(ms[s]).median(), repeats, list(ms[s]), Quartiles.of(endSeconds[s]).median());
      }
      out.printf("per trial at %d against %d: %.2fx (median; repeats %s); its last 100 trials: %.2fx%n",
          sizes[n - 1], scale.reference(), Quartiles.of(growth).median(), list(growth),
          Quartiles.of(tailGrowth).median());
      Measurements json = new Measurements().put("config", spec.name()).put("master", args.master())
          .put("repeats", repeats).put("sizes", sizes).put("reference", scale.reference());
      for (int s = 0; s < n; s++) {
        json.put("ms_per_trial_" + sizes[s], ms[s]).put("start_seconds_" + sizes[s], startSeconds[s])
            .put("end_seconds_" + sizes[s], endSeconds[s]);
      }
      json.put("ms_per_trial_last_100_of_" + sizes[n - 1], tailMs[n - 1])
          .put("growth_per_repeat", growth).put("growth", Quartiles.of(growth).median())
          .put("tail_growth", Quartiles.of(tailGrowth).median()).writeIfAsked(args);
      return TroupeMain.OK;
    } finally {
      deleteTree(runs); // thousands of no-op records, of no use after
    }
  }

  private static String list(double[] values) {
    return Arrays.stream(values).mapToObj(v -> String.format("%.2f", v)).collect(Collectors.joining(", "));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** One sweep of no-op trials as the sweep command runs it, with its trial ends clocked. */
  private record SweepTimer(CommandSession session, ExperimentRun base, Path out, PrintStream err) {
    record Timing(double msPerTrial, double msPerTrialOfLast100, double startSeconds, double endSeconds) {
      /** The whole run, start-up and outputs too, per trial: fixed costs make small sweeps dearer by it. */
      double wholeMsPerTrial(int trials) {
        return (1000 * (startSeconds + endSeconds) + msPerTrial * (trials - 1)) / trials;
      }
    }

    Timing time(int trials) throws IOException, InterruptedException {
      ExperimentRun run = base.set("search.trials", trials).outputTo(out);
      ExperimentSpec spec = run.spec();
      Files.createDirectories(out);
      // Progress lines are written as a sweep writes them, to a file instead of the terminal.
      try (PrintStream progress = new PrintStream(new BufferedOutputStream(
          Files.newOutputStream(out.resolve("progress.log"))), false, StandardCharsets.UTF_8)) {
        long start = System.nanoTime();
        LiveReport live = LiveReport.of(run.location(), err);
        TrialEndClock clock = new TrialEndClock(live, System::nanoTime);
        SweepOutcome outcome;
        try (live) {
          outcome = session.troupe(progress).withRun(run, "bench-driver", (open, spark, splits) ->
              new SweepRunner(spec, splits, spark, open, new SweepProgress(progress,
                  spec.objectiveMetric().configName(), spec.objectiveDirection(), clock)).run(NoOpTrialTask::new));
        }
        RunReport.writeAfter(run.location(), new PrintStream(OutputStream.nullOutputStream()), err);
        long end = System.nanoTime();
        if (outcome.ranked().size() != trials || clock.trials() != trials) {
          throw new IllegalStateException("bench-driver: a sweep of " + trials + " no-op trials ended "
              + clock.trials() + " and stored " + outcome.ranked().size());
        }
        return new Timing(clock.msPerTrial(), clock.msPerTrialOfLast(100), (clock.firstEnd() - start) / 1e9,
            (end - clock.lastEnd()) / 1e9);
      }
    }
  }
}
