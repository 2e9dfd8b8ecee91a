package io.troupe.driver.ensemble;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.config.EnsembleStrategy;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunStores;
import io.troupe.driver.store.StoredTrial;
import io.troupe.driver.sweep.SweepProgress;
import io.troupe.driver.sweep.SweepRunner;
import io.troupe.ensemble.ComparisonTable;
import io.troupe.ensemble.MembersCurve;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Builds ensembles and compares them: trains every member run the strategies need through the
 * sweep dispatcher (in parallel, resumable, each result in trials.jsonl as it ends), then
 * combines the members and writes the comparison as {@code <stem>.csv} and {@code <stem>.md}
 * plus the accuracy-vs-members curve in {@code members-curve.csv}.
 */
public final class EnsembleRunner {
  private final ExperimentSpec spec;
  private final DataSplits splits;
  private final SparkSession spark;
  private final RunDirectory run;
  private final SweepProgress progress;
  private final Set<EnsembleStrategy> strategies;
  private final String stem;

  /**
   * @param stem file name stem of the table: "comparison" for compare, "ensemble-&lt;strategy&gt;"
   *     when one strategy is built
   */
  public EnsembleRunner(ExperimentSpec spec, DataSplits splits, SparkSession spark, RunDirectory run,
      SweepProgress progress, Set<EnsembleStrategy> strategies, String stem) {
    this.spec = spec;
    this.splits = splits;
    this.spark = spark;
    this.run = run;
    this.progress = progress;
    this.strategies = Set.copyOf(strategies);
    this.stem = stem;
  }

  public EnsembleOutcome run() throws IOException, InterruptedException {
    EnsemblePlan plan = EnsemblePlan.of(spec, strategies);
    SweepRunner trials = new SweepRunner(spec, splits, spark, run, progress);
    return trials.withDispatcher(dispatcher -> {
      Map<String, StoredTrial> results = new HashMap<>(trials.runTrials(plan.firstStage(), dispatcher));
      if (!plan.secondStage().isEmpty() && !trials.stopped()) {
        StoredTrial base = results.get(EnsemblePlan.SOUP_BASE);
        if (base != null && base.status() == TrialStatus.COMPLETED) {
          results.putAll(trials.runTrials(plan.secondStage(), dispatcher));
        } else {
          progress.note("soup: the shared base run did not complete, so its members were not trained");
        }
      }
      ArtifactStore files = run.files();
      String trialsFile = files.describe(io.troupe.trial.TrialsFile.NAME);
      if (trials.stopped()) {
        return new EnsembleOutcome(null, splits.test().size(), List.of(), null, null, null, trialsFile, true, trials.stopReason());
      }
      boolean distributed = splits.test().size() > spec.ensemble().distributedScoringAbove();
      String artifacts = trials.artifactsLocation();
      MemberSource source = new MemberSource(dispatcher,
          RunStores.open(artifacts, spark.sparkContext().hadoopConfiguration()), artifacts, distributed,
          trials.layout());
      ComparisonBuilder builder = new ComparisonBuilder(spec, splits, plan, results, source, strategies);
      builder.build();
      ComparisonTable table = new ComparisonTable(builder.rows());
      String csv = write(files, stem + ".csv", table.toCsv());
      String md = write(files, stem + ".md", table.toMarkdown());
      String curve = write(files, "members-curve.csv", MembersCurve.toCsv(builder.curve()));
      return new EnsembleOutcome(table, splits.test().size(), builder.notes(), csv, md, curve, trialsFile, false, null);
    });
  }

  private static String write(ArtifactStore files, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    files.write(name, out -> out.write(bytes));
    return files.describe(name);
  }
}
