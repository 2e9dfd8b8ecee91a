package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.config.Direction;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.TrainSpec;
import io.troupe.data.DataSplits;
import io.troupe.driver.api.ExperimentRun;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.StoredTrial;
import io.troupe.driver.sweep.SweepOutcome;
import io.troupe.driver.sweep.SweepProgress;
import io.troupe.driver.sweep.SweepRunner;
import io.troupe.search.study.TrialPlanner;
import io.troupe.jobs.bench.BenchFigure;
import io.troupe.jobs.bench.BenchJson;
import io.troupe.jobs.mllib.GridRun;
import io.troupe.jobs.mllib.GridScore;
import io.troupe.jobs.mllib.MllibFigures;
import io.troupe.jobs.mllib.MllibGrid;
import io.troupe.jobs.mllib.MllibGridRunner;
import io.troupe.jobs.mllib.MllibPoint;
import io.troupe.jobs.mllib.MllibTable;
import io.troupe.trial.TrialSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * Troupe against Spark MLlib's MultilayerPerceptronClassifier in one Spark session: the config's
 * grid run as a Troupe sweep, then the same grid (see {@link MllibGrid} for the mapping) fitted by
 * MLlib on the same training rows, both picking their best point on the same validation rows.
 * Prints both grids and the figures; writes {@code <out>/bench-mllib.json} and the sweep's results
 * under {@code <out>/bench-mllib/<name>/}.
 */
final class BenchMllibCommand implements Command {
  static final String JSON_FILE = "bench-mllib.json";

  @Override
  public String name() {
    return "bench-mllib";
  }

  @Override
  public String summary() {
    return "the config's grid in Troupe vs Spark MLlib's MultilayerPerceptronClassifier: wall time, best val/test accuracy";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.OUT, CliOption.SET, CliOption.MASTER);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe bench-mllib conf/bench/mllib-grid.yaml --out out/bench");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    ExperimentRun experiment = Experiment.run(args);
    ExperimentSpec spec = experiment.spec();
    MllibGrid.check(spec);
    List<TrialSpec> trials = TrialPlanner.plan(spec);
    // Into <out>/bench-mllib/<name>/; one that holds an earlier run is refused (bench-mllib never resumes).
    ExperimentRun grid = experiment.outputTo(args.localOut().resolve("bench-mllib"));
    try (CommandSession session = CommandSession.of(spec, args.master())) {
      return session.troupe(err).withRun(grid, name(), (run, spark, splits) -> bench(spec, withValidation(splits),
          trials, run, spark, args, out, err));
    }
  }

  private static int bench(ExperimentSpec spec, DataSplits splits, List<TrialSpec> trials, RunDirectory run,
      SparkSession spark, CliArgs args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    List<MllibPoint> points = MllibGrid.points(trials, splits.train().numFeatures(), splits.train().numClasses());
    SweepRunner sweep = new SweepRunner(spec, splits, spark, run, new SweepProgress(err, "val_accuracy",
        Direction.MAXIMIZE));
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
    describe(out, spec, splits, spark, points, sweep.slots(), partitions);
    spark.range(0, 1000, 1, partitions).count(); // start Spark's executor threads before either clock runs
    GridRun troupe = runTroupe(sweep, trials);
    GridRun mllib = new MllibGridRunner(spark, err).run(splits, points, partitions);
    List<BenchFigure> figures = MllibFigures.of(troupe, mllib);
    out.print(MllibTable.render(points, troupe, mllib, figures));
    Path json = args.localOut().resolve(JSON_FILE);
    BenchJson.write(json, figures);
    out.println("figures: " + json);
    out.println("troupe sweep results: " + run.store().viewLocation());
    if (troupe.scored() < trials.size() || mllib.scored() < points.size()) {
      err.printf("troupe: bench-mllib: not every grid point scored (Troupe %d, MLlib %d of %d)%n", troupe.scored(),
          mllib.scored(), points.size());
      return TroupeMain.FAILURE;
    }
    return TroupeMain.OK;
  }

  /** The splits, once there are validation rows to pick the best point on. */
  private static DataSplits withValidation(DataSplits splits) {
    if (splits.validation().size() == 0) {
      throw new InvalidInputException("data.validation: both sides pick their best point on the validation part,"
          + " which is empty; set data.validation > 0, e.g. 0.1");
    }
    return splits;
  }

  /** The sweep, timed from its start to the end of its outputs, with each point's score in grid order. */
  private static GridRun runTroupe(SweepRunner sweep, List<TrialSpec> trials) throws IOException, InterruptedException {
    long start = System.nanoTime();
    SweepOutcome outcome = sweep.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, StoredTrial> byId = new HashMap<>();
    outcome.ranked().forEach(t -> byId.put(t.trialId(), t));
    List<GridScore> scores = new ArrayList<>();
    for (TrialSpec t : trials) {
      StoredTrial stored = byId.get(t.trialId());
      scores.add(stored != null ? GridScore.of(stored) : GridScore.missing(t.trialId(), t.params()));
    }
    return new GridRun("Troupe", scores, seconds);
  }

  private static void describe(PrintStream out, ExperimentSpec spec, DataSplits splits, SparkSession spark,
      List<MllibPoint> points, int slots, int partitions) {
    TrainSpec train = spec.train();
    out.printf("bench-mllib %s on %s: %d train / %d validation / %d test rows (Troupe's own split), %d features,"
            + " %d classes, scaling %s%n", spec.name(), spark.sparkContext().master(), splits.train().size(),
        splits.validation().size(), splits.test().size(), splits.train().numFeatures(), splits.train().numClasses(),
        spec.data().scaling().name().toLowerCase(Locale.ROOT));
    out.printf("grid: %d points from search.space (%s); MLlib layers = [features, model.hidden..., classes],"
            + " maxIter = %d x train.epochs%n", points.size(), String.join(" x ", new TreeSet<>(spec.search().space().keySet())),
        MllibGrid.MAX_ITER_PER_EPOCH);
    out.printf("Troupe: a sweep on %d slots; DL4J MLP, %s hidden layers + softmax, %s lr %s (%s schedule),"
            + " mini-batches of %d, dropout %s, l2 %s%n", slots, spec.model().activation().configName(),
        train.optimizer().type().configName(), train.optimizer().lr(), train.schedule().type().configName(),
        train.batchSize(), spec.model().dropout(), train.l2());
    out.printf("MLlib: %s, sigmoid hidden layers + softmax, full-batch L-BFGS (solver %s), blockSize %d, tol %s,"
            + " %d partitions; BLAS %s%n", MllibGridRunner.PEER, MllibGridRunner.SOLVER,
        MllibGridRunner.classifier().getBlockSize(), MllibGridRunner.classifier().getTol(), partitions,
        MllibGridRunner.blas());
    out.println("each side picks its best point by validation accuracy; test accuracy is that point's."
        + " Troupe runs first, then MLlib, in the same session");
  }
}
