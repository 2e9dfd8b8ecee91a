package io.troupe.driver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.driver.store.RunInvocation;
import io.troupe.driver.store.RunStores;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One experiment for {@link Troupe} to run: its config (a YAML file, YAML text or an
 * {@link ExperimentSpec}), {@code path=value} overrides, where its results go and whether an earlier
 * run of it is continued. The CLI's {@code <config.yaml> --set ... --out ... --resume}, as a value.
 *
 * <p>Immutable: every {@code set}, {@code outputTo}, {@code resume} returns a changed copy. Nothing
 * is read or checked until {@link #spec()} resolves it, which validates exactly as the CLI does.
 */
public final class ExperimentRun {
  /** Where results go unless {@link #outputTo} says otherwise: the CLI's default --out, relative to the working directory. */
  public static final String DEFAULT_OUT = "out";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConfigSource source;
  private final List<String> overrides;
  private final String out;
  private final boolean resume;
  private final List<String> commandLine;

  private ExperimentRun(ConfigSource source, List<String> overrides, String out, boolean resume,
      List<String> commandLine) {
    this.source = source;
    this.overrides = List.copyOf(overrides);
    this.out = out;
    this.resume = resume;
    this.commandLine = List.copyOf(commandLine);
  }

  /** The config in a YAML file; a config without {@code name} is named after the file (fashion-mlp.yaml: fashion-mlp). */
  public static ExperimentRun fromFile(Path yaml) {
    return new ExperimentRun(new FromFile(Objects.requireNonNull(yaml, "yaml")), List.of(), DEFAULT_OUT, false,
        List.of());
  }

  /** A config given as YAML text, which must have a {@code name} (it names the results directory). */
  public static ExperimentRun fromYaml(String yaml) {
    return new ExperimentRun(new FromText(Objects.requireNonNull(yaml, "yaml")), List.of(), DEFAULT_OUT, false,
        List.of());
  }

  /** A config already resolved, e.g. built in code or loaded with {@link ConfigLoader}; it must have a name. */
  public static ExperimentRun of(ExperimentSpec spec) {
    return new ExperimentRun(new FromSpec(Objects.requireNonNull(spec, "spec")), List.of(), DEFAULT_OUT, false,
        List.of());
  }

  /**
   * Overrides one config path, as {@code --set path=value} does: {@code set("train.epochs", 3)},
   * {@code set("model.hidden", List.of(512, 256))}. A String value is read as YAML, exactly as on the
   * command line ({@code "[512,256]"}, {@code "sgd"}, {@code "0.01"}); null clears an optional field.
   * An unknown path or a value out of range throws {@link InvalidInputException} from {@link #spec()}.
   */
  public ExperimentRun set(String path, Object value) {
    return set(path + "=" + yamlText(value));
  }

  /** Overrides one config path given as {@code path=value}, the text the CLI's --set takes. */
  public ExperimentRun set(String assignment) {
    List<String> more = new ArrayList<>(overrides);
    more.add(Objects.requireNonNull(assignment, "assignment"));
    return new ExperimentRun(source, more, out, resume, commandLine);
  }

  /**
   * Where results go, as the CLI's --out: a local directory or a Hadoop URI such as
   * {@code hdfs://namenode:8020/runs} or {@code s3a://bucket/runs}. Each run writes to
   * {@code <out>/<name>/}.
   */
  public ExperimentRun outputTo(String out) {
    return new ExperimentRun(source, overrides, Objects.requireNonNull(out, "out"), resume, commandLine);
  }

  /** {@link #outputTo(String)} for a local directory. */
  public ExperimentRun outputTo(Path out) {
    return outputTo(out.toString());
  }

  /**
   * Whether an earlier run of this experiment in the same place is continued (--resume): trials
   * that ended are skipped. Without it, earlier results are refused and nothing is overwritten.
   */
  public ExperimentRun resume(boolean resume) {
    return new ExperimentRun(source, overrides, out, resume, commandLine);
  }

  /** The command line that started this run, recorded (secrets redacted) in its run.json; the CLI passes its own. */
  public ExperimentRun commandLine(List<String> commandLine) {
    return new ExperimentRun(source, overrides, out, resume, commandLine);
  }

  /**
   * The config resolved: read, overridden, every default filled in and validated.
   *
   * @throws InvalidInputException naming each bad field (or the file) and what was expected
   */
  public ExperimentSpec spec() {
    ExperimentSpec spec = source.load(overrides);
    if (spec.name() == null) {
      throw new InvalidInputException("name: " + source.describe() + " has no name; it names the results directory"
          + " <out>/<name>/, so add e.g. name: my-experiment, or set(\"name\", \"my-experiment\")");
    }
    return spec;
  }

  /** {@code <out>/<name>}, where this experiment's results go: an absolute local path or a URI. */
  public String location() {
    return locationOf(spec());
  }

  /** The overrides in the order given, each as {@code path=value}. */
  public List<String> overrides() {
    return overrides;
  }

  public String out() {
    return out;
  }

  public boolean resume() {
    return resume;
  }

  /**
   * {@code <out>/<name>} for {@code spec}. The config already limits the name to a plain directory
   * name; this refuses, as bad input, any that would still lead outside the output location.
   */
  String locationOf(ExperimentSpec spec) {
    return RunStores.child(RunStores.normalize(out), spec.name(), "name");
  }

  /** How this run was started, for its run.json: the CLI's command line, else just the operation. */
  RunInvocation invocation(String command) {
    return commandLine.isEmpty() ? RunInvocation.of(command) : new RunInvocation(command, commandLine);
  }

  /** Numbers written out in full: "1.0E10" is not a number to every YAML reader. */
  private static String yamlText(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
      return new BigDecimal(value.toString()).toPlainString();
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as a config value: " + e.getOriginalMessage(), e);
    }
  }

  /** Where the config comes from. */
  private sealed interface ConfigSource {
    ExperimentSpec load(List<String> overrides);

    String describe();
  }

  private record FromFile(Path file) implements ConfigSource {
    @Override
    public ExperimentSpec load(List<String> overrides) {
      return ConfigLoader.load(file, overrides);
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }

  private record FromText(String yaml) implements ConfigSource {
    @Override
    public ExperimentSpec load(List<String> overrides) {
      return ConfigLoader.parse(yaml, describe(), null, overrides);
    }

    @Override
    public String describe() {
      return "the YAML text";
    }
  }

  private record FromSpec(ExperimentSpec spec) implements ConfigSource {
    @Override
    public ExperimentSpec load(List<String> overrides) {
      // Through YAML only when there is something to override: the spec as given is already resolved.
      return overrides.isEmpty() ? spec : ConfigLoader.parse(ConfigLoader.toYaml(spec), describe(), null, overrides);
    }

    @Override
    public String describe() {
      return "the ExperimentSpec";
    }
  }
}
