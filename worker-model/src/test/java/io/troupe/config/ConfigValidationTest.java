package io.troupe.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configs: each must be rejected with a problem that starts with the offending path and says
 * what was expected. The expected text is the user-facing contract, so it is spelled out here.
 */
class ConfigValidationTest {

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        bad("negative learning rate", "train: {optimizer: {lr: -1}}",
            "train.optimizer.lr: must be > 0, got -1"),
        bad("data-parallel with snapshots", "train: {distributed: {mode: data-parallel}, snapshots: {mode: evenly}}",
            "train.snapshots.mode: evenly acts on every mini-batch, which data-parallel workers train out of the"
                + " driver's sight; set train.distributed.mode none or turn it off"),
        bad("data-parallel with SWA", "train: {distributed: {mode: data-parallel}, averaging: {swaStartEpoch: 2}}",
            "train.averaging: SWA/EMA acts on every mini-batch"),
        bad("data-parallel with gradient noise", "train: {distributed: {mode: data-parallel}, gradientNoise: {eta: 0.3}}",
            "train.gradientNoise.eta: gradient noise acts on every mini-batch"),
        bad("bagging on partitioned spark data", "data: {source: spark, spark: {path: t, test: {path: u}, features: x, label: y}}\n"
                + "train: {distributed: {mode: data-parallel}}\nensemble: {strategies: [single, bagging]}",
            "ensemble.strategies: bagging draws each member's own rows, which it cannot with data.source spark and"
                + " train.distributed.mode data-parallel: the training rows stay partitioned across the executors,"
                + " one partition per worker, and the driver never holds them"),
        bad("workers searched on partitioned spark data", "data: {source: spark, spark: {path: t, test: {path: u}, features: x, label: y}}\n"
                + "train: {distributed: {mode: data-parallel}}\nsearch: {strategy: random, trials: 2,"
                + " space: {train.distributed.workers: {choice: [2, 4]}}}",
            "search.space: train.distributed.workers cannot vary between trials with data.source spark"),
        bad("no data-parallel workers", "train: {distributed: {mode: data-parallel, workers: 0}}",
            "train.distributed.workers: must be >= 1, got 0"),
        bad("misspelt top-level section", "trian: {epochs: 3}",
            "trian: unknown key (did you mean train?)"),
        bad("snake_case key", "train: {batch_size: 64}",
            "train.batch_size: unknown key (did you mean batchSize?)"),
        bad("text where an integer goes", "train: {epochs: ten}",
            "train.epochs: must be an integer, got \"ten\""),
        bad("fraction where an integer goes", "train: {epochs: 2.5}",
            "train.epochs: must be an integer, got 2.5"),
        bad("misspelt activation", "model: {activation: relux}",
            "model.activation: must be one of sigmoid, tanh, relu, leaky-relu, elu, identity, got \"relux\" (did you mean relu?)"),
        bad("validation fraction of 1", "data: {validation: 1.0}",
            "data.validation: must be in [0, 1), got 1.0"),
        bad("dropout of 1 drops everything", "model: {dropout: 1}",
            "model.dropout: must be in [0, 1), got 1"),
        bad("zero-width hidden layer", "model: {hidden: [256, 0]}",
            "model.hidden[1]: must be >= 1, got 0"),
        bad("mapping where a list goes", "model: {hidden: {a: 1}}",
            "model.hidden: must be a list, got a mapping"),
        bad("scalar where a section goes", "train: 5",
            "train: must be a mapping of epochs, batchSize"),
        bad("csv source without its block", "data: {source: csv}",
            "data.csv: required when data.source is csv"),
        bad("csv block without the training file", "data: {source: csv, csv: {test: t.csv}}",
            "data.csv.train: required, but missing"),
        bad("two-character delimiter", "data: {source: csv, csv: {train: a.csv, test: b.csv, delimiter: ';;'}}",
            "data.csv.delimiter: must be one character, got \";;\""),
        bad("spark source without its block", "data: {source: spark}",
            "data.spark: required when data.source is spark"),
        bad("spark block for another source",
            "data: {source: synthetic, spark: {path: a, features: x, label: y, test: {path: b}}}",
            "data.spark: given, but data.source is synthetic"),
        bad("spark source with neither path nor table",
            "data: {source: spark, spark: {features: x, label: y, test: {path: b}}}",
            "data.spark.path: required (or data.spark.table): where the training data is"),
        bad("spark source with both path and table",
            "data: {source: spark, spark: {path: a, table: t, features: x, label: y, test: {path: b}}}",
            "data.spark.table: given with data.spark.path; give one of them for the training data"),
        bad("spark source without a test part", "data: {source: spark, spark: {path: a, features: x, label: y}}",
            "data.spark.test.path: required (or data.spark.test.table): where the test part is"),
        bad("spark source without features", "data: {source: spark, spark: {path: a, label: y, test: {path: b}}}",
            "data.spark.features: required, but missing"),
        bad("spark label that is also a feature",
            "data: {source: spark, spark: {path: a, features: [x, y], label: y, test: {path: b}}}",
            "data.spark.label: column \"y\" is also in data.spark.features"),
        bad("spark image shape without channels",
            "data: {source: spark, spark: {path: a, features: x, label: y, test: {path: b}, imageShape: [28, 28]}}",
            "data.spark.imageShape: must be [channels, height, width], got [28, 28]"),
        bad("spark classes for regression",
            "data: {source: spark, task: regression, spark: {path: a, features: x, label: y, test: {path: b}, classes: 3}}",
            "data.spark.classes: counts class labels, but data.task is regression"),
        bad("spark images for regression",
            "data: {source: spark, task: regression, spark: {path: a, features: x, label: y, test: {path: b}, imageShape: [1, 2, 2]}}",
            "data.spark.imageShape: image data has class labels here; regression needs tabular features"),
        bad("spark size limit of zero",
            "data: {source: spark, spark: {path: a, features: x, label: y, test: {path: b}, maxBytes: 0}}",
            "data.spark.maxBytes: must be >= 1, got 0"),
        bad("cnn on tabular spark data",
            "data: {source: spark, spark: {path: a, features: x, label: y, test: {path: b}}}\nmodel: {type: cnn}",
            "model.type: cnn needs image data (data.source fashion-mnist, idx, or spark with data.spark.imageShape)"),
        bad("block for another source", "data: {source: synthetic, idx: {trainImages: a, trainLabels: b, testImages: c, testLabels: d}}",
            "data.idx: given, but data.source is synthetic"),
        bad("empty uniform range", "search: {strategy: random, space: {train.l2: {uniform: [0.1, 0.1]}}}",
            "search.space.train.l2: empty range: lower bound 0.1 >= upper bound 0.1"),
        bad("reversed int range", "search: {strategy: random, space: {train.epochs: {int: [10, 2]}}}",
            "search.space.train.epochs: empty range: lower bound 10 > upper bound 2"),
        bad("log range touching zero", "search: {strategy: random, space: {train.l2: {logUniform: [0, 1.0e-2]}}}",
            "search.space.train.l2: logUniform bounds must be > 0 (log space), got [0, 0.01]"),
        bad("negative log bound", "search: {strategy: random, space: {train.optimizer.lr: {logUniform: [-1, 1]}}}",
            "search.space.train.optimizer.lr: logUniform bounds must be > 0"),
        bad("search over a misspelt path", "search: {strategy: random, space: {train.optimizer.lrr: {logUniform: [1.0e-4, 1]}}}",
            "search.space.train.optimizer.lrr: unknown field train.optimizer.lrr (did you mean train.optimizer.lr?)"),
        bad("continuous domain on an integer field", "search: {strategy: random, space: {train.epochs: {uniform: [1, 10]}}}",
            "search.space.train.epochs: train.epochs is an integer field: use {int: [a, b]}"),
        bad("numeric domain on a list field", "search: {strategy: random, space: {model.hidden: {int: [1, 10]}}}",
            "search.space.model.hidden: model.hidden is a list: use {choice: [...]}"),
        bad("domain whose bound is an invalid value", "search: {strategy: random, space: {data.validation: {uniform: [0.1, 1.5]}}}",
            "search.space.data.validation: value 1.5 would be invalid: data.validation: must be in [0, 1), got 1.5"),
        bad("choice with an invalid value", "search: {strategy: grid, space: {model.activation: {choice: [relu, swish]}}}",
            "search.space.model.activation: value \"swish\" would be invalid: model.activation: must be one of"),
        bad("random search without dimensions", "search: {strategy: random}",
            "search.space: empty, but search.strategy is random"),
        bad("grid over an unbounded real range", "search: {strategy: grid, space: {train.l2: {logUniform: [1.0e-6, 1.0e-2]}}}",
            "search.space.train.l2: grid search needs a finite domain"),
        bad("domain with two kinds", "search: {strategy: random, space: {train.l2: {uniform: [0, 1], choice: [1]}}}",
            "search.space.train.l2: must have exactly one of uniform, logUniform, int, choice; got uniform, choice"),
        bad("empty choice", "search: {strategy: random, space: {train.l2: {choice: []}}}",
            "search.space.train.l2: choice must be a non-empty list of values"),
        bad("coarse-to-fine with one stage", "search: {strategy: coarse-to-fine, space: {train.l2: {logUniform: [1.0e-6, 1]}}, stages: [{trials: 10, epochs: 2}]}",
            "search.stages: coarse-to-fine needs at least 2 stages, got 1"),
        bad("stage without trials", "search: {strategy: coarse-to-fine, space: {train.l2: {logUniform: [1.0e-6, 1]}}, stages: [{epochs: 2}, {trials: 3, epochs: 5}]}",
            "search.stages[0].trials: required, but missing"),
        bad("repeats under asha", "search: {strategy: asha, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}, repeats: 3}",
            "search.repeats: asha promotes single trials"),
        bad("repeats below one", "search: {repeats: 0}", "search.repeats: must be >= 1, got 0"),
        bad("asha rungs upside down", "search: {asha: {minEpochs: 9, maxEpochs: 3}}",
            "search.asha.minEpochs: must be < search.asha.maxEpochs (3), got 9"),
        bad("repeats under hyperband", "search: {strategy: hyperband, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}, repeats: 2}",
            "search.repeats: hyperband continues single trials"),
        bad("more hyperband brackets than rungs", "search: {hyperband: {minEpochs: 1, maxEpochs: 27, reduction: 3, brackets: 5}}",
            "search.hyperband.brackets: must be <= 4, the rungs from search.hyperband.minEpochs to search.hyperband.maxEpochs"),
        bad("fewer hyperband trials than brackets", "search: {strategy: hyperband, trials: 3, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}}",
            "search.trials: hyperband needs at least one trial per bracket (4), got 3"),
        bad("pbt with nothing to perturb", "search: {strategy: pbt, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}}",
            "search.pbt.mutable: pbt needs at least one path to perturb"),
        bad("pbt path not in the config", "search: {strategy: pbt, space: {train.l2: {logUniform: [1.0e-6, 1.0e-2]}}, pbt: {mutable: [train.optimzer.lr]}}",
            "search.pbt.mutable[0]: unknown field train.optimzer (did you mean train.optimizer?)"),
        bad("pbt path that is no number", "search: {strategy: pbt, space: {train.l2: {logUniform: [1.0e-6, 1.0e-2]}}, pbt: {mutable: [model.activation]}}",
            "search.pbt.mutable[0]: model.activation is not a number"),
        bad("pbt path that no factor moves", "search: {strategy: pbt, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}, pbt: {mutable: [train.l2]}}",
            "search.pbt.mutable[0]: train.l2 is 0 in the config"),
        bad("pbt over its own budget", "search: {strategy: pbt, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}, pbt: {mutable: [train.epochs]}}",
            "search.pbt.mutable[0]: train.epochs is each member's whole budget"),
        bad("pbt quantile above a half", "search: {pbt: {quantile: 0.7}}",
            "search.pbt.quantile: must be"),
        bad("pbt factor of zero", "search: {pbt: {perturb: [0, 1.2]}}",
            "search.pbt.perturb[0]: must be > 0"),
        bad("pbt in one generation", "train: {epochs: 4}\nsearch: {strategy: pbt, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}, pbt: {interval: 4, mutable: [train.optimizer.lr]}}",
            "search.pbt.interval: must be < train.epochs (4), got 4"),
        bad("pbt with early stopping", "train: {earlyStopping: {patience: 2}}\nsearch: {strategy: pbt, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}, pbt: {mutable: [train.optimizer.lr]}}",
            "train.earlyStopping: pbt trains every member"),
        bad("cnn on tabular data", "data: {source: synthetic}\nmodel: {type: cnn}",
            "model.type: cnn needs image data"),
        bad("cosine floor above the rate", "train: {optimizer: {lr: 0.01}, schedule: {type: cosine, minLr: 0.1}}",
            "train.schedule.minLr: must be < train.optimizer.lr (0.01) for a cosine schedule"),
        bad("cycle-end snapshots without cycles", "train: {snapshots: {mode: cycle-ends}}",
            "train.snapshots.mode: cycle-ends needs train.schedule.type cyclic-cosine, got constant"),
        bad("cycles starting after the last epoch", "train: {epochs: 4, schedule: {type: cyclic-cosine, cycleStartEpoch: 4.0}}",
            "train.schedule.cycleStartEpoch: must be < train.epochs (4), got 4.0"),
        bad("evenly spread snapshots starting after the last epoch", "train: {epochs: 4, snapshots: {mode: evenly, startEpoch: 6}}",
            "train.snapshots.startEpoch: must be < train.epochs (4), got 6.0"),
        bad("zero snapshot cycles", "train: {schedule: {type: cyclic-cosine, cycles: 0}}",
            "train.schedule.cycles: must be >= 1, got 0"),
        bad("a soup of one-epoch runs", "train: {epochs: 1}\nensemble: {strategies: [single, soup]}",
            "ensemble.strategies: soup needs train.epochs >= 2"),
        bad("SWA starting after the last epoch", "train: {epochs: 5, averaging: {swaStartEpoch: 5}}",
            "train.averaging.swaStartEpoch: must be < train.epochs (5), got 5"),
        bad("voting on a regression task", "data: {source: synthetic, task: regression}\nensemble: {combiners: [average, vote]}",
            "ensemble.combiners: vote needs class labels"),
        bad("accuracy objective for regression", "data: {source: synthetic, task: regression}\nobjective: {metric: val_accuracy}",
            "objective.metric: val_accuracy needs a classification task"),
        bad("regression on image labels", "data: {task: regression}",
            "data.task: source fashion-mnist has class labels"),
        bad("name that is not a directory name", "name: ../escape",
            "name: must be letters, digits"),
        bad("null for a required number", "train: {epochs: null}",
            "train.epochs: must not be null"),
        bad("yes/no for a boolean", "model: {batchNorm: maybe}",
            "model.batchNorm: must be true or false, got \"maybe\""),
        bad("EMA decay of 1 never moves", "train: {averaging: {emaDecay: 1.0}}",
            "train.averaging.emaDecay: must be in (0, 1), got 1.0"),
        bad("ensemble without members", "ensemble: {members: 0}",
            "ensemble.members: must be >= 1, got 0"),
        bad("task cpus of zero", "spark: {taskCpus: 0}",
            "spark.taskCpus: must be >= 1, got 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void rejectsWithPathAndExpectation(String what, String yaml, List<String> overrides, String expected) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ConfigLoader.parse(yaml, "test.yaml", "test", overrides));
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(expected) || p.contains(expected)),
        () -> what + ": expected a problem containing\n  " + expected + "\ngot\n  " + String.join("\n  ", e.problems()));
    String path = expected.substring(0, expected.indexOf(':'));
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(path + ":")),
        () -> what + ": no problem starts with the path " + path + ": " + e.problems());
  }

  static Stream<Arguments> badOverrides() {
    return Stream.of(
        Arguments.of(List.of("train.optimzer.lr=0.1"),
            "--set train.optimzer.lr=0.1: unknown field train.optimzer (did you mean train.optimizer?)"),
        Arguments.of(List.of("lr"), "--set lr: expected path=value"),
        Arguments.of(List.of("train.epochs="), "--set train.epochs=: empty value"),
        Arguments.of(List.of("train.batchSize=0"), "train.batchSize: must be >= 1, got 0"),
        Arguments.of(List.of("train.epochs.value=3"), "--set train.epochs.value=3: unknown field train.epochs.value: train.epochs has no sub-fields"),
        Arguments.of(List.of("model.hidden=[64, x]"), "model.hidden[1]: must be an integer, got \"x\""));
  }

  @ParameterizedTest
  @MethodSource("badOverrides")
  void rejectsBadOverrides(List<String> overrides, String expected) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ConfigLoader.parse("train: {epochs: 3}", "test.yaml", "test", overrides));
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(expected)),
        () -> "expected " + expected + " in " + e.problems());
  }

  private static Arguments bad(String what, String yaml, String expected) {
    return Arguments.of(what, yaml, List.of(), expected);
  }
}
