package io.troupe.jobs;

import io.troupe.driver.model.RunNetwork;
import io.troupe.driver.store.RunStores;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkCheck;
import org.apache.spark.SparkConf;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.preflight.CheckOutcome;
import io.troupe.preflight.CheckOutcome.Verdict;
import io.troupe.preflight.Preflight;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seed 003's babysitting checks for one config, before a sweep spends compute on it: chance-level
 * initial loss, overfitting a small sample, regularisation raising the loss, gradients against
 * numerical gradients, zero-mean inputs. Each passes, warns (advice: the config trains as it
 * stands) or fails. Exit 0 when none fails, 1 when any does.
 */
final class CheckCommand implements Command {
  @Override
  public String name() {
    return "check";
  }

  @Override
  public String summary() {
    return "preflight checks (seed 003): initial loss, overfit a small sample, regularisation, gradients, input mean";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.SET, CliOption.MASTER);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe check conf/examples/fashion-mlp.yaml",
        "troupe check conf/examples/fashion-mlp.yaml --set data.scaling=standardize",
        "troupe check conf/examples/fashion-mlp.yaml --set data.scaling=none");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) {
    Experiment experiment = Experiment.load(args, err);
    ExperimentSpec spec = experiment.spec();
    DataSplits splits = experiment.splits();
    out.println("check " + experiment.config() + " (" + spec.name() + ")");
    // No Spark session here: Hadoop settings come from spark.hadoop.* system properties (as spark-submit sets them).
    ModelFile file = RunNetwork.source(spec, RunStores.hadoopConf(new SparkConf()));
    NetworkCheck.check(spec, splits, file); // bad input (exit 2) before the checks' verdicts (exit 1)
    // GradientCheckUtil warns on stderr, once per layer, that ReLU may fail a gradient check; the
    // gradient check's own line says so when it matters (when kinks explain a mismatch).
    List<CheckOutcome> outcomes = QuietLogger.during(GRADIENT_CHECK_LOGGER, () -> Preflight.run(spec, splits, file));
    outcomes.forEach(o -> out.println("  " + o));
    out.println(summary(outcomes));
    return outcomes.stream().anyMatch(CheckOutcome::failed) ? TroupeMain.FAILURE : TroupeMain.OK;
  }

  static final String GRADIENT_CHECK_LOGGER = "org.deeplearning4j.gradientcheck.GradientCheckUtil";

  /** "5 of 5 checks passed", or with how many warned and failed, and what a warning means for the exit code. */
  static String summary(List<CheckOutcome> outcomes) {
    Map<Verdict, Long> counts = outcomes.stream().collect(Collectors.groupingBy(CheckOutcome::verdict,
        () -> new EnumMap<>(Verdict.class), Collectors.counting()));
    long warned = counts.getOrDefault(Verdict.WARN, 0L);
    long failed = counts.getOrDefault(Verdict.FAIL, 0L);
    StringBuilder line = new StringBuilder(String.format("%d of %d checks passed",
        counts.getOrDefault(Verdict.PASS, 0L), outcomes.size()));
    if (warned > 0) {
      line.append(String.format(", %d warned", warned));
    }
    if (failed > 0) {
      line.append(String.format(", %d failed", failed));
    }
    if (warned > 0 && failed == 0) {
      line.append(" (warnings are advice and do not fail the check)");
    }
    return line.toString();
  }
}
