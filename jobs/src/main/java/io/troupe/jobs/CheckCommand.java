package io.troupe.jobs;

import io.troupe.driver.model.RunNetwork;
import io.troupe.driver.store.RunStores;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkCheck;
import org.apache.spark.SparkConf;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.preflight.CheckOutcome;
import io.troupe.preflight.Preflight;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 003's babysitting checks for one config, before a sweep spends compute on it: chance-level
 * initial loss, overfitting a small sample, regularisation raising the loss, gradients against
 * numerical gradients, zero-mean inputs. Exit 0 when all pass, 1 when any fails.
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
    List<CheckOutcome> outcomes = Preflight.run(spec, splits, file);
    outcomes.forEach(o -> out.println("  " + o));
    long passed = outcomes.stream().filter(CheckOutcome::passed).count();
    out.printf("%d of %d checks passed%n", passed, outcomes.size());
    return passed == outcomes.size() ? TroupeMain.OK : TroupeMain.FAILURE;
  }
}
