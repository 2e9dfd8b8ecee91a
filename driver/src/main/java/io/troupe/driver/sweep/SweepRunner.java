package io.troupe.driver.sweep;

import io.troupe.api.InputLayout;
import io.troupe.driver.model.RunNetwork;
import io.troupe.driver.store.RunStores;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.SearchStrategy;
import io.troupe.data.DataSplits;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.spark.ExecutorRegistration;
import io.troupe.driver.spark.ExecutorReport;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.Secrets;
import io.troupe.driver.store.TrialsParquet;
import io.troupe.config.ConfigTree;
import io.troupe.config.binding.Yaml;
import io.troupe.driver.store.StoredTrial;
import io.troupe.search.EdgeWarnings;
import io.troupe.search.study.FixedStudy;
import io.troupe.search.study.PbtStudy;
import io.troupe.search.study.Studies;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a sweep: plans the trials, skips those that already ended (on --resume; FAILED ones are
 * rerun up to search.maxFailures times), fans the rest out through the {@link TrialDispatcher},
 * records each result as it arrives, and finishes with a leaderboard, best.yaml, a Parquet copy
 * of the results and edge-of-range warnings.
 */
public final class SweepRunner {
  static final String BEST_CONFIG = "best.yaml";
  private final ExperimentSpec spec;
  private final DataSplits splits;
  private final SparkSession spark;
  private final RunDirectory run;
  private final ResultStore store;
  private final SweepProgress progress;
  private final int slots;
  private final StudyRunner studies;
  private InputLayout layout;

  /**
   * @param run the run's directory, opened by the caller (lock held, manifest checked) before Spark
   *     started, so a refused run costs no cluster time; the caller closes it
   */
  public SweepRunner(ExperimentSpec spec, DataSplits splits, SparkSession spark, RunDirectory run,
      SweepProgress progress) {
    this.spec = spec;
    this.splits = splits;
    this.spark = spark;
    this.run = run;
    this.store = run.store();
    this.progress = progress;
    this.slots = slots(spec, JavaSparkContext.fromSparkContext(spark.sparkContext()));
    this.studies = new StudyRunner(spec, run, progress, slots);
    workersNote(spec, JavaSparkContext.fromSparkContext(spark.sparkContext())).ifPresent(progress::note);
  }

  /**
   * Trials at once: spark.slots, else the cores Spark offers divided by the cores each trial takes
   * (on a cluster, once its executors have registered); divided by train.distributed.workers for
   * data-parallel trials.
   */
  static int slots(ExperimentSpec spec, JavaSparkContext jsc) {
    // Even with spark.slots set: the executor report at the start needs every executor registered.
    try {
      ExecutorRegistration.await(jsc.sc(), ExecutorRegistration.SETTLE, ExecutorRegistration.MAX_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int slots = taskSlots(spec, jsc);
    // A data-parallel trial takes a task slot for each of its workers.
    return spec.train().distributed().enabled() ? Math.max(1, slots / spec.train().distributed().workers()) : slots;
  }

  private static int taskSlots(ExperimentSpec spec, JavaSparkContext jsc) {
    return spec.spark().slots() != null ? spec.spark().slots()
        : Math.max(1, jsc.defaultParallelism() / spec.spark().taskCpus());
  }

  /**
   * A note when a data-parallel trial has more workers than Spark has task slots: its rounds would
   * run some workers after the others, slower than fewer workers side by side.
   */
  static java.util.Optional<String> workersNote(ExperimentSpec spec, JavaSparkContext jsc) {
    int workers = spec.train().distributed().workers();
    int slots = taskSlots(spec, jsc);
    if (!spec.train().distributed().enabled() || workers <= slots) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("train.distributed.workers is " + workers + " but Spark offers " + slots
        + " task slots: each round runs some workers after the others; set workers to " + slots
        + " or add executors");
  }

  public int slots() {
    return slots;
  }

  /** The input layout of the run's networks, known once {@link #withDispatcher} has prepared them. */
  public InputLayout layout() {
    if (layout == null) {
      throw new IllegalStateException("the run's network is prepared in withDispatcher");
    }
    return layout;
  }

  public SweepOutcome run() throws IOException, InterruptedException {
    return withDispatcher(this::runStudy);
  }

  /**
   * The sweep with each trial's task made by {@code taskFor} instead of training: everything else
   * (the study, the result store, progress, the leaderboard) as {@link #run()}. For benchmarks that
   * time the driver's own cost per trial with tasks that do no work.
   */
  public SweepOutcome run(Function<Broadcast<DataSplits>, org.apache.spark.api.java.function.Function<TrialSpec, TrialResult>> taskFor)
      throws IOException, InterruptedException {
    prepare();
    try (TrialDispatcher dispatcher = new TrialDispatcher(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        splits, slots, taskFor)) {
      return runStudy(dispatcher);
    }
  }

  private SweepOutcome runStudy(TrialDispatcher dispatcher) throws IOException, InterruptedException {
    studies.run(Studies.of(spec, progress::note), dispatcher);
    return finish();
  }

  /** Work done with the result store open and trials dispatchable. */
  @FunctionalInterface
  public interface DispatcherWork<T> {
    T run(TrialDispatcher dispatcher) throws IOException, InterruptedException;
  }

  /**
   * Reports what each executor trains with, starts a dispatcher over the broadcast data and runs
   * {@code work} with it, e.g. an ensemble's member trials and then the work that combines them.
   */
  public <T> T withDispatcher(DispatcherWork<T> work) throws IOException, InterruptedException {
    prepare();
    try (TrialDispatcher dispatcher = new TrialDispatcher(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        splits, artifactsLocation(), slots)) {
      return work.run(dispatcher);
    }
  }

  /** The run's notes, the network prepared (and checked) once, and what each executor trains with. */
  private void prepare() throws IOException {
    run.notes().forEach(progress::note);
    // Bad input (a missing factory class, a file that does not parse) stops here, before any trial.
    layout = RunNetwork.prepare(spec, splits, RunStores.open(artifactsLocation(), spark.sparkContext().hadoopConfiguration()),
        spark.sparkContext().hadoopConfiguration());
    ExecutorReport.run(JavaSparkContext.fromSparkContext(spark.sparkContext()), spec.spark().taskCpus())
        .forEach(progress::note);
  }

  /** Where trials write models, snapshots and predictions: {@code <dir>/artifacts}. */
  public String artifactsLocation() {
    return run.artifactsLocation();
  }


  /**
   * Runs the given trials to the end (or until too many fail) and returns the results of this
   * run and of earlier runs, by trial id, for staged work (an ensemble's members) to build on.
   */
  public Map<String, StoredTrial> runTrials(List<TrialSpec> trials, TrialDispatcher dispatcher)
      throws IOException, InterruptedException {
    return studies.run(new FixedStudy(trials), dispatcher);
  }

  /** True once too many trials failed (search.maxFailedTrials); no more are started. */
  public boolean stopped() {
    return studies.stopped();
  }

  public String stopReason() {
    return studies.stopReason();
  }

  /** Writes the run's records and views, then the leaderboard's best config and the Parquet copy. */
  private SweepOutcome finish() throws IOException {
    store.close();
    String metric = spec.objectiveMetric().configName();
    List<StoredTrial> ranked = Leaderboard.rank(new ArrayList<>(store.latest().values()), metric,
        spec.objectiveDirection(), spec.objective().repeats());
    List<String> warnings = new ArrayList<>();
    String best = null;
    if (!ranked.isEmpty() && Double.isFinite(ranked.get(0).metric(metric))) {
      best = writeBestConfig(ranked.get(0));
      if (spec.search().strategy() != SearchStrategy.NONE) {
        warnings.addAll(EdgeWarnings.check(spec.search().space(), ranked.get(0).params()));
      }
    }
    writeParquet();
    return new SweepOutcome(ranked, store.viewLocation(), best, warnings, stopped(), stopReason());
  }

  /**
   * The best trial as a runnable single-trial config: its values applied, the search switched off,
   * any secret-named setting redacted (results never hold a secret; give it again when you run it).
   */
  private String writeBestConfig(StoredTrial best) throws IOException {
    Map<String, Object> values = new HashMap<>(best.params());
    values.remove(PbtStudy.COPIED); // lineage, not a config path
    values.putAll(stagedValues(best.trialId()));
    values.put("search.strategy", "none");
    values.put("search.space", Map.of());
    values.put("search.stages", List.of());
    ExperimentSpec single = ConfigLoader.withValues(spec, values);
    String pbt = spec.search().strategy() == SearchStrategy.PBT
        ? "# pbt: the values this generation trained with, from scratch; its lineage is in the records\n" : "";
    byte[] text = ("# Best trial " + best.trialId() + " of sweep " + spec.name() + " by "
        + spec.objectiveMetric().configName() + " = " + best.metric(spec.objectiveMetric().configName())
        + "\n" + pbt + Yaml.write(Secrets.redact(ConfigTree.of(single)))).getBytes(StandardCharsets.UTF_8);
    run.files().write(BEST_CONFIG, out -> out.write(text));
    return run.files().describe(BEST_CONFIG);
  }

  /**
   * What a staged strategy set for the trial besides its searched values: a coarse-to-fine stage's
   * epochs, or ASHA's or Hyperband's maxEpochs (the schedule every rung follows), so best.yaml
   * trains as it did.
   */
  private Map<String, Object> stagedValues(String trialId) {
    if (spec.search().strategy() == SearchStrategy.COARSE_TO_FINE && trialId.matches("s\\d+-.*")) {
      int stage = Integer.parseInt(trialId.substring(1, trialId.indexOf('-')));
      return Map.of("train.epochs", spec.search().stages().get(stage - 1).epochs());
    }
    if (spec.search().strategy() == SearchStrategy.ASHA) {
      return Map.of("train.epochs", spec.search().asha().maxEpochs());
    }
    if (spec.search().strategy() == SearchStrategy.HYPERBAND) {
      return Map.of("train.epochs", spec.search().hyperband().maxEpochs());
    }
    return Map.of();
  }

  /** A Parquet copy of trials.jsonl through Spark SQL, for analysis tools. */
  private void writeParquet() {
    if (store.isEmpty()) {
      return;
    }
    TrialsParquet.write(spark, run.location());
  }
}
