package io.troupe.jobs;

import io.troupe.driver.model.RunNetwork;
import io.troupe.driver.store.RunStores;
import io.troupe.model.NetworkCheck;
import org.apache.spark.SparkConf;
import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks configs without training: parses and validates each one, then loads and splits its data
 * (a spark source through a local session), so a bad field or a corrupt file shows up before a
 * cluster is booked. Every config is checked
 * even when an earlier one fails; the exit code is 2 if any was invalid.
 */
final class ValidateCommand implements Command {

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String summary() {
    return "check configs and their data (no training); --print shows the resolved config";
  }

  @Override
  public String arguments() {
    return "<config.yaml>...";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.SET, CliOption.MASTER, CliOption.PRINT);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe validate conf/quickstart.yaml conf/examples/fashion-mlp.yaml",
        "troupe validate conf/examples/fashion-mlp.yaml --set train.optimizer.lr=0.01 --print");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) {
    if (args.configs().isEmpty()) {
      throw new InvalidInputException("validate: no config given; usage: troupe validate <config.yaml>...");
    }
    int invalid = 0;
    for (Path config : args.configs()) {
      if (!validate(config, args, out, err)) {
        invalid++;
      }
    }
    if (args.configs().size() > 1) {
      out.printf("%d of %d configs valid%n", args.configs().size() - invalid, args.configs().size());
    }
    return invalid == 0 ? TroupeMain.OK : TroupeMain.BAD_INPUT;
  }

  private boolean validate(Path config, CliArgs args, PrintStream out, PrintStream err) {
    try {
      ExperimentSpec spec = ConfigLoader.load(config, args.sets());
      DataSplits splits = Experiment.data(spec, args.master(), err);
      // A user's network (factory class, DL4J file) is built once, as a sweep's driver would.
      NetworkCheck.check(spec, splits, RunNetwork.source(spec, RunStores.hadoopConf(new SparkConf())));
      out.println(config + ": valid");
      out.print(SpecSummary.describe(spec, splits));
      if (args.print()) {
        out.println("# resolved config");
        out.print(ConfigLoader.toYaml(spec));
      }
      return true;
    } catch (InvalidInputException e) {
      err.println(config + ": invalid");
      e.problems().forEach(p -> err.println("  " + p));
      return false;
    }
  }
}
