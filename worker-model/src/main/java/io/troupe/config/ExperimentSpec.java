package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.data.Task;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A whole experiment, as parsed from YAML with every default filled in. Immutable; a trial is this
 * spec with some paths overridden (see {@link ConfigLoader}).
 */
@Doc("The top level of an experiment config.")
public record ExperimentSpec(
    @Doc("Experiment name; results go to <out>/<name>/. Letters, digits, '.', '_' and '-'. null (absent) uses the config file's name.")
    @Default("null") String name,
    @Doc("Experiment seed. Every trial's seed derives from it and the trial id, so results do not depend on scheduling order.")
    @Default("42") long seed,
    @Doc("Data section.") DataSpec data,
    @Doc("Model section.") ModelSpec model,
    @Doc("Training section.") TrainSpec train,
    @Doc("Search section.") SearchSpec search,
    @Doc("What the search optimises.") ObjectiveSpec objective,
    @Doc("Ensemble section.") EnsembleSpec ensemble,
    @Doc("Spark section.") SparkSpec spark)
    implements CrossChecked {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  @Override
  public void crossCheck(Checks checks) {
    if (name != null && (!NAME.matcher(name).matches() || name.startsWith("."))) {
      checks.fail("name", "must be letters, digits, '.', '_' or '-' (it names a directory), got \"" + name + "\"");
    }
    String source = data.source().configName();
    if (model.type() == ModelType.CNN && !data.isImageSource()) {
      checks.fail("model.type", "cnn needs image data (data.source fashion-mnist, idx, or spark with data.spark.imageShape), but data.source is " + source);
    }
    if (model.init() == WeightInit.IDENTITY && model.type() == ModelType.CNN) {
      checks.fail("model.init", "identity is for dense layers (seed 000's deep linear networks); use he or xavier for cnn");
    }
    if (train.augment().enabled() && !data.isImageSource()) {
      checks.fail("train.augment", "image augmentation needs image data (data.source fashion-mnist, idx, or spark with data.spark.imageShape), but data.source is " + source);
    }
    boolean regression = data.task() == Task.REGRESSION;
    if (regression && objective.metric() != null && objective.metric().classificationOnly()) {
      checks.fail("objective.metric", objective.metric().configName()
          + " needs a classification task, but data.task is regression; use val_mse or val_loss");
    }
    if (regression) {
      for (Combiner c : ensemble.combiners()) {
        if (c == Combiner.VOTE || c == Combiner.WEIGHTED_VOTE) {
          checks.fail("ensemble.combiners", c.configName() + " needs class labels, but data.task is regression; use average or parameter-average");
        }
      }
    }
    if (train.earlyStopping().enabled() && data.validation() == 0) {
      checks.fail("train.earlyStopping", "watches the validation part, but data.validation is 0; hold some out"
          + " (e.g. data.validation: 0.1) or leave train.earlyStopping.patience null");
    }
    Metric watched = train.earlyStopping().metric();
    if (watched != null && regression && watched.classificationOnly()) {
      checks.fail("train.earlyStopping.metric", watched.configName() + " needs a classification task; use val_loss or val_mse");
    }
    if (ensemble.strategies().isEmpty()) {
      checks.fail("ensemble.strategies", "must name at least one strategy, e.g. [single]");
    }
    if (ensemble.strategies().contains(EnsembleStrategy.SOUP) && train.epochs() < 2) {
      checks.fail("ensemble.strategies", "soup needs train.epochs >= 2 (members fine-tune a shared base for the"
          + " second half), got " + train.epochs());
    }
    if (ensemble.combiners().isEmpty()) {
      checks.fail("ensemble.combiners", "must name at least one combiner, e.g. [average]");
    }
    if (data.source() == DataSource.SPARK && train.distributed().enabled()) {
      partitionedTrainingChecks(checks);
    }
  }

  /**
   * A data-parallel config on a spark source trains on rows that stay partitioned across the
   * executors, one partition per worker, cut once for the whole run: no trial may pick its own
   * subset of them or a different number of workers, or train in one task.
   */
  private void partitionedTrainingChecks(Checks checks) {
    String why = " with data.source spark and train.distributed.mode data-parallel: the training rows stay"
        + " partitioned across the executors, one partition per worker, and the driver never holds them";
    for (EnsembleStrategy s : List.of(EnsembleStrategy.BAGGING, EnsembleStrategy.SHARDS,
        EnsembleStrategy.SHARDS_SHARED_INIT)) {
      if (ensemble.strategies().contains(s)) {
        checks.fail("ensemble.strategies", s.configName() + " draws each member's own rows, which it cannot" + why);
      }
    }
    for (String key : search.space().keySet()) {
      if (key.startsWith("train.distributed.")) {
        checks.fail("search.space", key + " cannot vary between trials" + why + " (cut once for the run)");
      }
    }
  }

  /** The validation metric trials are ranked by, with the task's default filled in. */
  public Metric objectiveMetric() {
    return objective.metricFor(data.task());
  }

  public Direction objectiveDirection() {
    return objective.directionFor(data.task());
  }

  /** The seed of the validation split and subsets: data.seed, else the experiment seed. */
  public long dataSeed() {
    return data.seed() != null ? data.seed() : seed;
  }
}
