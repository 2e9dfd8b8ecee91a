package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.config.EnsembleSource;
import io.troupe.config.EnsembleStrategy;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.binding.ConfigEnum;
import io.troupe.driver.api.ExperimentRun;
import io.troupe.driver.api.Troupe;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one ensemble strategy (--strategy NAME, else the first of ensemble.strategies) with the
 * config's combiners, next to the single-model baseline, and writes its table to
 * ensemble-&lt;strategy&gt;.csv/.md. Members already trained by compare (same --out) are reused
 * with --resume.
 */
final class EnsembleCommand implements Command {
  @Override
  public String name() {
    return "ensemble";
  }

  @Override
  public String summary() {
    return "build one ensemble strategy (--strategy NAME, default the config's first) beside the baseline;"
        + " --from-sweep: ensembles of the finished sweep's stored trials, no training";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.OUT, CliOption.SET, CliOption.MASTER, CliOption.RESUME, CliOption.STRATEGY,
        CliOption.FROM_SWEEP);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe ensemble conf/quickstart.yaml --strategy bagging",
        "troupe ensemble conf/examples/fashion-mlp-selection.yaml --from-sweep");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    ExperimentRun experiment = Experiment.run(args);
    ExperimentSpec spec = experiment.spec();
    if (args.fromSweep() || spec.ensemble().source() == EnsembleSource.SWEEP) {
      return FromSweep.run(args, out, err);
    }
    EnsembleStrategy strategy = args.strategy() == null ? spec.ensemble().strategies().get(0) : parse(args.strategy());
    try (CommandSession session = CommandSession.of(spec, args.master())) {
      int code = CompareCommand.print(session.troupe(err).ensemble(experiment, strategy), out, err);
      RunReport.writeAfter(experiment.location() + "/" + Troupe.ENSEMBLES_DIR, out, err);
      return code;
    }
  }

  private static EnsembleStrategy parse(String name) {
    for (EnsembleStrategy s : EnsembleStrategy.values()) {
      if (s.configName().equals(name)) {
        return s;
      }
    }
    throw new InvalidInputException("--strategy: unknown strategy \"" + name + "\"; expected one of "
        + Arrays.stream(EnsembleStrategy.values()).map(ConfigEnum::configName).toList());
  }
}
