package io.troupe.jobs;

import io.troupe.config.ExperimentSpec;
import io.troupe.config.ModelSpec;
import io.troupe.config.ModelType;
import io.troupe.config.SearchStrategy;
import io.troupe.config.TrainSpec;
import io.troupe.config.binding.ConfigEnum;
import io.troupe.data.DataSize;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.data.Task;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A few human lines about a resolved experiment and its data, as validate prints them. */
final class SpecSummary {
  private SpecSummary() {}

  static String describe(ExperimentSpec spec, DataSplits splits) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("  name      %s (seed %d)%n", spec.name(), spec.seed()));
    s.append(String.format("  data      %s%n", data(spec, splits)));
    s.append(String.format("  memory    %s, held by the driver%s%n", DataSize.of(splits).describe(),
        splits.partitioned() == null ? " and every executor" : "; the training rows stay on the executors, about "
            + DataSize.megabytes(new DataSize((splits.trainRows() + splits.partitioned().workers() - 1)
                / splits.partitioned().workers(), splits.train().numFeatures(),
                splits.train().isByteFeatures() ? 1 : 4).bytes()) + " for each of " + splits.partitioned().workers()
            + " workers"));
    s.append(String.format("  model     %s%n", model(spec.model(), splits.train(), spec.data().task())));
    s.append(String.format("  train     %s%n", spec.model().file() == null ? train(spec.train())
        : spec.train().epochs() + " epochs x batch " + spec.train().batchSize() + "; optimizer, L1/L2 and dropout"
            + " from model.file (model.overrides change them)"));
    s.append(String.format("  search    %s; objective %s (%s)%n", search(spec),
        spec.objectiveMetric().configName(), spec.objectiveDirection().configName()));
    s.append(String.format("  ensemble  %s; combiners %s%n", names(spec.ensemble().strategies()),
        names(spec.ensemble().combiners())));
    return s.toString();
  }

  private static String data(ExperimentSpec spec, DataSplits splits) {
    Dataset train = splits.train();
    String target = train.task() == Task.CLASSIFICATION ? train.numClasses() + " classes" : "regression";
    String trainRows = splits.partitioned() == null ? String.valueOf(train.size())
        : splits.trainRows() + " (partitioned across " + splits.partitioned().workers() + " workers)";
    return String.format("%s: train %s, validation %d, test %d; %s; features %s; scaling %s; fingerprint %s",
        spec.data().source().configName(), trainRows, splits.validation().size(), splits.test().size(),
        target, shape(train.featureShape()), ConfigEnum.nameOf(spec.data().scaling()), splits.sourceFingerprint());
  }

  private static String model(ModelSpec m, Dataset train, Task task) {
    switch (m.type()) {
      case FACTORY -> {
        return "factory " + m.factory() + (m.params().isEmpty() ? "" : ", params " + new java.util.TreeMap<>(m.params()));
      }
      case DL4J_JSON, DL4J_ZIP -> {
        return m.type().configName() + " " + m.file()
            + (m.overrides().isEmpty() ? "" : ", overrides " + new java.util.TreeMap<>(m.overrides()));
      }
      default -> { }
    }
    int outputs = task == Task.CLASSIFICATION ? train.numClasses() : 1;
    String widths = m.hidden().stream().map(w -> w + "-").collect(Collectors.joining()) + outputs;
    String layers = m.type() == ModelType.CNN
        ? "cnn conv " + m.conv().channels() + " k" + m.conv().kernel() + " pool " + m.conv().pool() + ", dense " + widths
        : "mlp " + train.numFeatures() + "-" + widths;
    return String.format("%s %s, init %s, dropout %s%s", layers, m.activation().configName(),
        m.init().configName(), m.dropout(), m.batchNorm() ? ", batch norm" : "");
  }

  private static String train(TrainSpec t) {
    return String.format("%d epochs x batch %d, %s lr %s, schedule %s, l1 %s, l2 %s", t.epochs(), t.batchSize(),
        t.optimizer().type().configName(), t.optimizer().lr(), t.schedule().type().configName(), t.l1(), t.l2());
  }

  private static String search(ExperimentSpec spec) {
    if (spec.search().strategy() == SearchStrategy.NONE) {
      return "none (one trial)";
    }
    return spec.search().strategy().configName() + " over " + String.join(", ", spec.search().space().keySet());
  }

  private static String shape(int[] shape) {
    return Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining("x"));
  }

  private static String names(java.util.List<? extends ConfigEnum> values) {
    return values.stream().map(ConfigEnum::configName).collect(Collectors.joining(", "));
  }
}
