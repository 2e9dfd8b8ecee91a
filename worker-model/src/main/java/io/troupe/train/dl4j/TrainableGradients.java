package io.troupe.train.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parts of a DL4J gradient that are real gradients. DL4J keeps batch-norm running statistics
 * (mean, var, log10stdev) among the parameters and uses their gradient slots to carry the
 * running-average update, so noise, norms and the like must leave those slots alone: noise there
 * drives the running variance negative and inference to NaN.
 */
public final class TrainableGradients {
  private TrainableGradients() {}

  /** Views (into the flattened gradient) of every trainable variable, in DL4J's order. */
  public static List<INDArray> of(Gradient gradient) {
    List<INDArray> views = new ArrayList<>();
    for (Map.Entry<String, INDArray> e : gradient.gradientForVariable().entrySet()) {
      if (!isRunningStatistic(e.getKey())) {
        views.add(e.getValue());
      }
    }
    return views;
  }

  /** True for "3_mean", "3_var", "3_log10stdev": batch-norm running statistics, not trained. */
  public static boolean isRunningStatistic(String variable) {
    String name = variable.substring(variable.indexOf('_') + 1);
    return name.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
        || name.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
        || name.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
  }

  /** L2 norm over the trainable variables only. */
  public static double norm2(Gradient gradient) {
    double sumSq = 0;
    for (INDArray view : of(gradient)) {
      double n = view.norm2Number().doubleValue();
      sumSq += n * n;
    }
    return Math.sqrt(sumSq);
  }
}
