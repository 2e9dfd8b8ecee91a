package io.troupe.preflight;

import io.troupe.config.ExperimentSpec;
import io.troupe.config.ModelType;
import io.troupe.config.OverrideKeys;
import io.troupe.data.DataSplits;
import io.troupe.model.ModelFile;
import io.troupe.model.Network;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * The config values that switch a network's L1, L2 and dropout off, or to a probe, for the
 * small-sample runs. Troupe's and factory networks take train.l1, train.l2 and model.dropout; a
 * DL4J file's layers carry their own, which only model.overrides reaches.
 */
final class RegularisationSettings {
  private RegularisationSettings() {}

  static Map<String, Object> off(ExperimentSpec spec) {
    Map<String, Object> values = new HashMap<>(Map.of("train.l1", 0.0, "train.l2", 0.0, "model.dropout", 0.0));
    if (fromFile(spec)) {
      for (String key : new String[] {OverrideKeys.L1, OverrideKeys.L2, OverrideKeys.DROPOUT}) {
        values.put("model.overrides." + key, 0.0);
      }
    }
    return values;
  }

  /** Everything off but an L2 penalty of {@code l2}. */
  static Map<String, Object> probe(ExperimentSpec spec, double l2) {
    Map<String, Object> values = off(spec);
    values.put(fromFile(spec) ? "model.overrides." + OverrideKeys.L2 : "train.l2", l2);
    return values;
  }

  /** The regularisation the config gives its network, e.g. "l2 1.0E-5, dropout 0.2"; empty for none. */
  static String configured(ExperimentSpec spec, DataSplits splits, ModelFile file) {
    if (!fromFile(spec)) {
      boolean any = spec.train().l1() > 0 || spec.train().l2() > 0 || spec.model().dropout() > 0;
      return any ? String.format("l1 %s, l2 %s, dropout %s", spec.train().l1(), spec.train().l2(), spec.model().dropout())
          : "";
    }
    Network net = Networks.build(spec, NetworkShape.of(splits.train()), new NoOp(), spec.seed(), file);
    SortedSet<String> found = new TreeSet<>();
    for (int i = 0; i < net.units().size(); i++) {
      Layer conf = net.layer(i).conf().getLayer();
      if (conf instanceof BaseLayer base && base.getRegularization() != null) {
        base.getRegularization().forEach(r -> found.add(describe(r)));
      }
      if (conf.getIDropout() instanceof Dropout dropout) {
        found.add("dropout " + Math.round((1 - dropout.getP()) * 1e6) / 1e6); // DL4J keeps the retain probability
      } else if (conf.getIDropout() != null) {
        found.add(conf.getIDropout().getClass().getSimpleName());
      }
    }
    return String.join(", ", found);
  }

  private static boolean fromFile(ExperimentSpec spec) {
    return spec.model().type() == ModelType.DL4J_JSON || spec.model().type() == ModelType.DL4J_ZIP;
  }

  private static String describe(Regularization r) {
    if (r instanceof L1Regularization l1) {
      return "l1 " + l1.getL1().valueAt(0, 0);
    }
    if (r instanceof L2Regularization l2) {
      return "l2 " + l2.getL2().valueAt(0, 0);
    }
    if (r instanceof WeightDecay decay) {
      return "weight decay " + decay.getCoeff().valueAt(0, 0);
    }
    return r.getClass().getSimpleName();
  }
}
