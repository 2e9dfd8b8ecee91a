package io.troupe.model;

import io.troupe.config.ModelSpec;
import io.troupe.train.dl4j.IdentityInit;
import org.deeplearning4j.nn.conf.distribution.ConstantDistribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/** The config's initialisation as a DL4J weight init (the same for every layer, output included). */
final class WeightInits {
  private WeightInits() {}

  static IWeightInit of(ModelSpec model) {
    return switch (model.init()) {
      case ZERO -> WeightInit.ZERO.getWeightInitFunction();
      case CONSTANT -> new WeightInitDistribution(new ConstantDistribution(model.initConstant()));
      case SMALL_NORMAL -> new WeightInitDistribution(new NormalDistribution(0, 0.01));
      case NORMAL -> new WeightInitDistribution(new NormalDistribution(0, 1));
      // DL4J's LECUN_NORMAL is N(0, 1/fanIn), XAVIER N(0, 2/(fanIn+fanOut)), RELU (He) N(0, 2/fanIn).
      case LECUN -> WeightInit.LECUN_NORMAL.getWeightInitFunction();
      case XAVIER -> WeightInit.XAVIER.getWeightInitFunction();
      case HE -> WeightInit.RELU.getWeightInitFunction();
      case IDENTITY -> new IdentityInit();
    };
  }
}
