package io.troupe.driver.api;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.config.EnsembleStrategy;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.SearchStrategy;
import io.troupe.data.DataSplits;
import io.troupe.driver.data.ExperimentData;
import io.troupe.driver.data.PartitionedTraining;
import io.troupe.driver.ensemble.EnsembleOutcome;
import io.troupe.driver.ensemble.EnsembleRunner;
import io.troupe.driver.model.RunNetwork;
import io.troupe.driver.parallel.DataParallelFitter;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunStores;
import io.troupe.driver.sweep.SweepOutcome;
import io.troupe.driver.sweep.SweepProgress;
import io.troupe.driver.sweep.SweepRunner;
import io.troupe.model.NativeBackend;
import io.troupe.train.TrialRunner;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Troupe from a Spark application: sweeps, ensemble comparisons and single trials on the caller's
 * SparkSession, with the results directory, resume, locking and validation of the CLI (which is a
 * thin layer over this class).
 *
 * <pre>{@code
 * SweepOutcome sweep = Troupe.on(spark).sweep(
 *     ExperimentRun.fromFile(Path.of("conf/examples/synthetic-blobs.yaml"))
 *         .set("train.epochs", 3)
 *         .outputTo("hdfs://namenode:8020/runs"));
 * }</pre>
 *
 * <ul>
 *   <li>The session is used as it is, and never started or stopped here. The config's
 *       {@code spark.master} and {@code spark.conf} cannot change a running session: start it with
 *       Troupe's settings ({@link io.troupe.driver.spark.SparkSessions#conf}) when they matter,
 *       e.g. {@code spark.task.cpus} to match {@code spark.taskCpus}.
 *   <li>Results go through Hadoop's file systems with the session's {@code spark.hadoop.*}
 *       settings, as executors see them.
 *   <li>Progress (a line per finished trial, a status line, notes) goes to stderr unless
 *       {@link #reportingTo} says otherwise.
 *   <li>Bad input (config, data, a refused run) throws {@link io.troupe.InvalidInputException}
 *       naming the field or file, before anything is written; a trial that fails or diverges is
 *       part of the outcome, not an exception.
 * </ul>
 */
public final class Troupe {
  static {
    NativeBackend.selectLibrary(); // a program using this API may not have started its JVM with the flag
  }

  /** The trial id of {@link #train}, fixed so that the same config trains the same way. */
  public static final String TRAIN_TRIAL_ID = "train";
  /** Ensemble members, their artifacts and the tables go to {@code <out>/<name>/ensembles/}. */
  public static final String ENSEMBLES_DIR = "ensembles";

  private final SparkConf settings;
  private final Supplier<SparkSession> session;
  private final PrintStream progress;
  private final SweepProgress.Listener trialEnded;

  private Troupe(SparkConf settings, Supplier<SparkSession> session, PrintStream progress,
      SweepProgress.Listener trialEnded) {
    this.settings = settings;
    this.session = session;
    this.progress = progress;
    this.trialEnded = trialEnded;
  }

  /** Runs on {@code spark}, which stays the caller's to stop. */
  public static Troupe on(SparkSession spark) {
    Objects.requireNonNull(spark, "spark");
    return new Troupe(spark.sparkContext().getConf(), () -> spark, System.err, r -> {});
  }

  /**
   * For a launcher that owns its session (the CLI): {@code session} is asked for only once the run
   * is open (data from files) or its data must be read (a spark source), so a refused run starts no
   * Spark; {@code settings} are the ones it will start with, for the results' file system. The
   * caller stops what it started.
   */
  public static Troupe onDemand(SparkConf settings, Supplier<SparkSession> session) {
    return new Troupe(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(session, "session"),
        System.err, r -> {});
  }

  /** The same, with progress and notes going to {@code progress} ({@code PrintStream.nullOutputStream()}: none). */
  public Troupe reportingTo(PrintStream progress) {
    return new Troupe(settings, session, Objects.requireNonNull(progress, "progress"), trialEnded);
  }

  /**
   * The same, telling {@code listener} of every trial of a sweep or ensemble as it ends, on the
   * thread that dispatches trials: it should return quickly (hand slow work to a thread of its own).
   */
  public Troupe onTrialEnd(SweepProgress.Listener listener) {
    return new Troupe(settings, session, progress, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The config's search on Spark (grid, random, coarse-to-fine, ASHA, Hyperband or PBT), one trial
   * per task, each result recorded in {@code <out>/<name>/records/} as it ends; then trials.jsonl,
   * trials.parquet and best.yaml. With {@link ExperimentRun#resume}, trials that ended are skipped.
   *
   * @return the trials ranked best first by the config's objective, where the results and best
   *     config went, warnings, and whether the sweep stopped after search.maxFailedTrials failures
   */
  public SweepOutcome sweep(ExperimentRun run) throws IOException, InterruptedException {
    ExperimentSpec spec = run.spec();
    return onRun(run, spec, "sweep", run.locationOf(spec), (open, spark, splits) -> {
      SweepRunner runner = new SweepRunner(spec, splits, spark, open, sweepProgress(spec));
      progress.printf("troupe: sweep %s on %s with %d slots%n", spec.name(), spark.sparkContext().master(),
          runner.slots());
      return runner.run();
    });
  }

  /**
   * Every strategy in the config's {@code ensemble.strategies} beside the single-model baseline:
   * members trained as trials on Spark, combined with each of {@code ensemble.combiners}, and scored
   * on the test part into {@code <out>/<name>/ensembles/comparison.csv} and {@code .md}, with
   * members-curve.csv. The config's search section is ignored.
   *
   * @return the comparison table (null if too many members failed: see stoppedOnFailures), notes,
   *     and where the files went
   */
  public EnsembleOutcome compare(ExperimentRun run) throws IOException, InterruptedException {
    ExperimentSpec spec = run.spec();
    return ensembles(run, spec, "compare", Set.copyOf(spec.ensemble().strategies()), "comparison");
  }

  /**
   * One strategy beside the baseline, as {@link #compare} builds it, into
   * {@code ensembles/ensemble-<strategy>.csv} and {@code .md}; members compare already trained in
   * the same place are reused with {@link ExperimentRun#resume}.
   */
  public EnsembleOutcome ensemble(ExperimentRun run, EnsembleStrategy strategy)
      throws IOException, InterruptedException {
    Objects.requireNonNull(strategy, "strategy");
    return ensembles(run, run.spec(), "ensemble", Set.of(strategy), "ensemble-" + strategy.configName());
  }

  /** {@link #train(ExperimentRun, TrainListener)}, told nothing as it goes. */
  public TrainOutcome train(ExperimentRun run) throws IOException, InterruptedException {
    return train(run, TrainListener.SILENT);
  }

  /**
   * Trains the config as one trial in this JVM, without Spark jobs (a spark source is still read
   * through the session; a data-parallel config trains each epoch across its workers), and adds its result to the run in {@code <out>/<name>/}; the model,
   * weight averages, snapshots and predictions go to {@code <out>/<name>/artifacts/train/}. Each
   * call adds a record, as long as the config is the one the run started with, so
   * {@link ExperimentRun#resume} does not apply. The search section is ignored.
   */
  public TrainOutcome train(ExperimentRun run, TrainListener listener) throws IOException, InterruptedException {
    Objects.requireNonNull(listener, "listener");
    ExperimentSpec spec = run.spec();
    String dir = run.locationOf(spec);
    DataSplits splits = ExperimentData.load(spec, session, progress);
    if (spec.search().strategy() != SearchStrategy.NONE) {
      progress.println("troupe: note: train runs the config itself as one trial; search.space is ignored (use sweep)");
    }
    TrialSpec trial = TrialSpec.of(spec, TRAIN_TRIAL_ID, Map.of());
    Configuration hadoop = RunStores.hadoopConf(settings);
    try (RunDirectory open = RunDirectory.openFor(spec, splits.sourceFingerprint(), run.invocation("train"), dir,
        hadoop, true)) {
      open.notes().forEach(n -> progress.println("troupe: note: " + n));
      ArtifactStore artifacts = RunStores.open(open.artifactsLocation(), hadoop);
      // As a sweep does: model.file into the run, and one network built to check it fits (exit 2 if not).
      RunNetwork.prepare(spec, splits, artifacts, hadoop);
      listener.starting(spec, splits, trial);
      TrialRunner runner = new TrialRunner(artifacts, listener::epochEnded);
      TrialResult result = spec.train().distributed().enabled()
          ? trainDataParallel(runner, trial, spec, splits) : runner.run(trial, splits);
      open.store().append(result);
      return new TrainOutcome(result, open.store().viewLocation());
    }
  }

  /** train with train.distributed: the loop here, each epoch across the workers (the data broadcast for them). */
  private TrialResult trainDataParallel(TrialRunner runner, TrialSpec trial, ExperimentSpec spec, DataSplits splits) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.get().sparkContext());
    progress.println("troupe: note: data-parallel: each epoch trains across " + spec.train().distributed().workers()
        + " tasks on " + jsc.master());
    Broadcast<DataSplits> data = jsc.broadcast(splits);
    try {
      return runner.run(trial, splits, new DataParallelFitter(jsc, data, trial, spec));
    } finally {
      data.destroy();
      PartitionedTraining.release(splits);
    }
  }

  /**
   * Work of one's own on the experiment's run at {@code <out>/<name>/}, opened as {@link #sweep}
   * opens it (lock held, config checked against an earlier run's, earlier results refused without
   * resume), with its data read; the run is closed after. The CLI's bench-mllib times its grid so.
   *
   * @param command what the run is, recorded in its run.json (e.g. "bench-mllib")
   */
  public <T> T withRun(ExperimentRun run, String command, RunWork<T> work) throws IOException, InterruptedException {
    ExperimentSpec spec = run.spec();
    return onRun(run, spec, command, run.locationOf(spec), work);
  }

  private EnsembleOutcome ensembles(ExperimentRun run, ExperimentSpec spec, String command,
      Set<EnsembleStrategy> strategies, String stem) throws IOException, InterruptedException {
    // Beside a sweep of the same name (compare often runs on a sweep's best.yaml), not in it.
    String dir = run.locationOf(spec) + "/" + ENSEMBLES_DIR;
    return onRun(run, spec, command, dir, (open, spark, splits) -> {
      progress.printf("troupe: %s %s on %s%n", stem, spec.name(), spark.sparkContext().master());
      if (spec.search().strategy() != SearchStrategy.NONE) {
        progress.println("troupe: note: the search section is ignored here; to ensemble the best model, run sweep and"
            + " compare its best.yaml");
      }
      return new EnsembleRunner(spec, splits, spark, open, sweepProgress(spec), strategies, stem).run();
    });
  }

  /**
   * Runs {@code work} with the run at {@code dir} open and the data read, closing the run after.
   * Data from files is read and the run opened before the session is asked for, so a refused run
   * costs no cluster time; a spark source is read through the session first (its fingerprint is
   * part of the run's manifest).
   */
  private <T> T onRun(ExperimentRun run, ExperimentSpec spec, String command, String dir, RunWork<T> work)
      throws IOException, InterruptedException {
    if (ExperimentData.readsSpark(spec)) {
      SparkSession spark = session.get();
      DataSplits splits = ExperimentData.throughSpark(spec, spark, progress);
      try (RunDirectory open = open(run, spec, command, dir, splits)) {
        return work.run(open, spark, splits);
      } finally {
        PartitionedTraining.release(splits); // the session outlives the run: its cached training rows need not
      }
    }
    DataSplits splits = ExperimentData.fromFiles(spec);
    try (RunDirectory open = open(run, spec, command, dir, splits)) {
      return work.run(open, session.get(), splits);
    }
  }

  private RunDirectory open(ExperimentRun run, ExperimentSpec spec, String command, String dir, DataSplits splits)
      throws IOException, InterruptedException {
    return RunDirectory.openFor(spec, splits.sourceFingerprint(), run.invocation(command), dir,
        RunStores.hadoopConf(settings), run.resume());
  }

  private SweepProgress sweepProgress(ExperimentSpec spec) {
    return new SweepProgress(progress, spec.objectiveMetric().configName(), spec.objectiveDirection(), trialEnded);
  }
}
