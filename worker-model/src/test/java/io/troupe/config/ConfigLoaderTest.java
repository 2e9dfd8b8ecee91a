package io.troupe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.data.Scaling;
import io.troupe.data.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void emptyMappingGivesTheDocumentedDefaults() {
    ExperimentSpec spec = ConfigLoader.parse("{}", "t.yaml", "t", List.of());
    assertEquals("t", spec.name());
    assertEquals(42L, spec.seed());
    assertEquals(DataSource.FASHION_MNIST, spec.data().source());
    assertEquals(Task.CLASSIFICATION, spec.data().task());
    assertEquals(0.1, spec.data().validation());
    assertEquals(Scaling.UNIT, spec.data().scaling());
    assertEquals(List.of(256, 128), spec.model().hidden());
    assertEquals(WeightInit.HE, spec.model().init());
    assertEquals(OptimizerType.ADAM, spec.train().optimizer().type());
    assertEquals(1.0e-3, spec.train().optimizer().lr());
    assertEquals(3.0, spec.train().divergence().lossFactor());
    assertEquals(0.55, spec.train().gradientNoise().gamma());
    assertEquals(SearchStrategy.NONE, spec.search().strategy());
    assertEquals(Metric.VAL_ACCURACY, spec.objectiveMetric());
    assertEquals(Direction.MAXIMIZE, spec.objectiveDirection());
    assertEquals(1, spec.spark().taskCpus());
    assertNull(spec.data().subset().train());
  }

  @Test
  void regressionDefaultsToMinimisingMse() {
    ExperimentSpec spec = ConfigLoader.parse("data: {source: synthetic, task: regression}\nensemble: {combiners: [average]}",
        "t.yaml", "t", List.of());
    assertEquals(Metric.VAL_MSE, spec.objectiveMetric());
    assertEquals(Direction.MINIMIZE, spec.objectiveDirection());
  }

  @Test
  void readsExponentsWithoutADotAndLoneScalarsAsLists() {
    // YAML 1.1 reads 1e-3 as a string; users write it anyway.
    ExperimentSpec spec = ConfigLoader.parse("train: {optimizer: {lr: 1e-3}}\nensemble: {combiners: average}",
        "t.yaml", "t", List.of());
    assertEquals(1.0e-3, spec.train().optimizer().lr());
    assertEquals(List.of(Combiner.AVERAGE), spec.ensemble().combiners());
  }

  @Test
  void overridesReachAnyFieldWithYamlValues() {
    ExperimentSpec spec = ConfigLoader.parse("train: {optimizer: {lr: 0.1}}", "t.yaml", "t", List.of(
        "train.optimizer.lr=0.01",
        "model.hidden=[512, 256]",
        "model.activation=tanh",
        "data.subset.train=1000",
        "spark.conf.spark.executor.memory=4g",
        "search.strategy=random",
        "search.space.train.l2={logUniform: [1e-6, 1e-2]}"));
    assertEquals(0.01, spec.train().optimizer().lr());
    assertEquals(List.of(512, 256), spec.model().hidden());
    assertEquals(Activation.TANH, spec.model().activation());
    assertEquals(1000, spec.data().subset().train());
    assertEquals(Map.of("spark.executor.memory", "4g"), spec.spark().conf());
    ParamDomain l2 = spec.search().space().get("train.l2");
    assertInstanceOf(ParamDomain.LogUniform.class, l2);
    assertEquals(1.0e-6, ((ParamDomain.LogUniform) l2).low());
  }

  @Test
  void nullOverrideClearsAnOptionalField() {
    ExperimentSpec spec = ConfigLoader.parse("data: {subset: {train: 100}}", "t.yaml", "t",
        List.of("data.subset.train=null"));
    assertNull(spec.data().subset().train());
  }

  @Test
  void reportsEveryProblemAtOnce() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigLoader.parse(
        "train: {epochs: 0, batchSize: -5, optimizer: {lr: 0}}\nmodel: {dropout: 2}", "t.yaml", "t", List.of()));
    assertEquals(4, e.problems().size(), () -> String.join("\n", e.problems()));
  }

  @Test
  void resolvedYamlReloadsToAnEqualSpec() {
    ExperimentSpec spec = ConfigLoader.parse("""
        name: roundtrip
        data: {source: csv, task: classification, csv: {train: a.csv, test: b.csv, delimiter: ";"}}
        model: {hidden: [64], activation: leaky-relu, init: lecun}
        train: {schedule: {type: cyclic-cosine, cycleEpochs: 0.4}, snapshots: {mode: cycle-ends}}
        search:
          strategy: grid
          space:
            train.optimizer.lr: {logUniform: [0.025, 2.5], points: 3}
            model.hidden: {choice: [[64], [128, 64]]}
            train.batchSize: {int: [16, 256], log: true}
        ensemble: {strategies: [single, snapshots, swa], combiners: [average, vote, parameter-average]}
        spark: {conf: {spark.executor.memory: 2g}}
        """, "t.yaml", null, List.of());
    String yaml = ConfigLoader.toYaml(spec);
    ExperimentSpec again = ConfigLoader.parse(yaml, "resolved.yaml", null, List.of());
    assertEquals(spec, again, yaml);
    assertTrue(yaml.contains("leaky-relu") && yaml.contains("cyclic-cosine") && yaml.contains("classification"), yaml);
  }

  @Test
  void sparkSourceReadsOneColumnAsAListAndOptionsAsText() {
    ExperimentSpec spec = ConfigLoader.parse("""
        data:
          source: spark
          spark: {format: csv, path: s3a://bucket/train.csv, features: pixels, label: y, test: {table: db.test},
                  options: {header: true, inferSchema: true}, imageShape: [1, 28, 28]}
        model: {type: cnn}
        """, "t.yaml", "t", List.of("data.spark.options.sep=;"));
    SparkSourceSpec spark = spec.data().spark();
    assertEquals(List.of("pixels"), spark.features());
    assertEquals(Map.of("header", "true", "inferSchema", "true", "sep", ";"), spark.options());
    assertEquals(new SparkLocationSpec("s3a://bucket/train.csv", null), spark.train());
    assertEquals("table db.test", spark.test().describe());
    assertEquals(2L << 30, spark.maxBytes(), "2 GiB by default");
    assertTrue(spec.data().isImageSource(), "imageShape makes it image data, so cnn is allowed");
    assertEquals(spec, ConfigLoader.parse(ConfigLoader.toYaml(spec), "resolved.yaml", null, List.of()));
  }

  @Test
  void withValuesMakesAValidatedTrialSpec() {
    ExperimentSpec base = ConfigLoader.parse("{}", "t.yaml", "t", List.of());
    ExperimentSpec trial = ConfigLoader.withValues(base, Map.of("train.optimizer.lr", 0.25, "model.hidden", List.of(30)));
    assertEquals(0.25, trial.train().optimizer().lr());
    assertEquals(List.of(30), trial.model().hidden());
    assertEquals(base.data(), trial.data());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ConfigLoader.withValues(base, Map.of("train.optimizer.lr", -2.5)));
    assertTrue(e.getMessage().contains("train.optimizer.lr: must be > 0, got -2.5"), e.getMessage());
  }

  @Test
  void nameDefaultsToTheFileName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("lr-sweep.yaml");
    Files.writeString(file, "seed: 1\n");
    assertEquals("lr-sweep", ConfigLoader.load(file, List.of()).name());
  }

  @Test
  void fileProblemsNameTheFile(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("nope.yaml");
    assertTrue(assertThrows(InvalidInputException.class, () -> ConfigLoader.load(missing, List.of()))
        .getMessage().startsWith(missing + ": config file not found"));

    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "");
    assertTrue(assertThrows(InvalidInputException.class, () -> ConfigLoader.load(empty, List.of()))
        .getMessage().startsWith(empty + ": empty config"));

    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "train:\n  epochs: 3\n   batchSize: [1\n");
    String message = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(broken, List.of())).getMessage();
    assertTrue(message.startsWith(broken + ": line "), message);

    Path duplicate = dir.resolve("dup.yaml");
    Files.writeString(duplicate, "train:\n  epochs: 3\n  epochs: 4\n");
    message = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(duplicate, List.of())).getMessage();
    assertTrue(message.contains("line 3") && message.contains("epochs"), message);

    Path list = dir.resolve("list.yaml");
    Files.writeString(list, "- a\n- b\n");
    assertTrue(assertThrows(InvalidInputException.class, () -> ConfigLoader.load(list, List.of()))
        .getMessage().contains("expected a YAML mapping at the top level"));
  }
}
