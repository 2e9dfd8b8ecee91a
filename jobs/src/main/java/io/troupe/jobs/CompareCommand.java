package io.troupe.jobs;

import io.troupe.driver.api.ExperimentRun;
import io.troupe.driver.api.Troupe;
import io.troupe.driver.ensemble.EnsembleOutcome;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Builds every ensemble strategy the config names (ensemble.strategies), trains their members in
 * parallel on Spark and prints the comparison table; also writes it to comparison.csv and
 * comparison.md, with members-curve.csv, under {@code <out>/<name>/ensembles/}. --resume continues.
 */
final class CompareCommand implements Command {
  @Override
  public String name() {
    return "compare";
  }

  @Override
  public String summary() {
    return "build the config's ensemble strategies and print the comparison table (comparison.csv/.md)";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.OUT, CliOption.SET, CliOption.MASTER, CliOption.RESUME);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe compare conf/quickstart.yaml",
        "troupe compare conf/examples/ensemble-comparison.yaml --out out --resume");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    ExperimentRun experiment = Experiment.run(args);
    try (CommandSession session = CommandSession.of(experiment.spec(), args.master())) {
      int code = print(session.troupe(err).compare(experiment), out, err);
      RunReport.writeAfter(experiment.location() + "/" + Troupe.ENSEMBLES_DIR, out, err);
      return code;
    }
  }

  /** The table and where it went; shared with {@code ensemble}, which builds one strategy into its own table. */
  static int print(EnsembleOutcome outcome, PrintStream out, PrintStream err) {
    if (outcome.stoppedOnFailures()) {
      err.println("troupe: stopped: " + outcome.stopReason());
      return TroupeMain.FAILURE;
    }
    out.println("test-set comparison (" + outcome.testExamples() + " examples):");
    out.print(outcome.table().toText());
    outcome.notes().forEach(n -> out.println("note: " + n));
    out.println("table: " + outcome.tableCsv() + " and " + outcome.tableMarkdown());
    out.println("members curve: " + outcome.curveCsv());
    out.println("member runs: " + outcome.trialsFile());
    return TroupeMain.OK;
  }
}
