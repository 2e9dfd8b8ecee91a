package io.troupe.train;

import io.troupe.model.Network;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Re-estimates every batch-norm layer's running mean and variance with one pass over training
 * data, as SWA does: averaged (or snapshot) weights no longer match the statistics that training
 * accumulated, so they must be measured again. Layers are refreshed in order, each from inputs
 * produced by the already-refreshed layers below it; the statistics are exact population figures.
 */
public final class BatchNormRefresher {
  private BatchNormRefresher() {}

  /** Returns how many batch-norm layers were refreshed (0 for a network without any). */
  public static int refresh(Network net, BatchSource train) {
    int refreshed = 0;
    var units = net.units();
    for (int layer = 0; layer < units.size(); layer++) {
      if (units.get(layer).batchNorm()) {
        refreshLayer(net, layer, train);
        refreshed++;
      }
    }
    return refreshed;
  }

  private static void refreshLayer(Network net, int layer, BatchSource train) {
    double[] sum = null;
    double[] sumSq = null;
    long count = 0;
    for (int from = 0; from < train.size(); from += Evaluator.CHUNK) {
      int to = Math.min(train.size(), from + Evaluator.CHUNK);
      INDArray input = net.inputOf(layer, train.features(from, to));
      INDArray perFeature = featureMajor(input);
      if (sum == null) {
        sum = new double[(int) perFeature.size(0)];
        sumSq = new double[sum.length];
      }
      double[] s = perFeature.sum(1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
      double[] s2 = perFeature.mul(perFeature).sum(1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
      for (int j = 0; j < sum.length; j++) {
        sum[j] += s[j];
        sumSq[j] += s2[j];
      }
      count += perFeature.size(1);
    }
    setStatistics(net, layer, sum, sumSq, count);
  }

  /** [features, samples]: dense inputs are [batch, features]; conv inputs [batch, channels, h, w]. */
  private static INDArray featureMajor(INDArray input) {
    if (input.rank() == 2) {
      return input.transpose().dup('c');
    }
    long channels = input.size(1);
    return input.permute(1, 0, 2, 3).dup('c').reshape(channels, input.length() / channels);
  }

  private static void setStatistics(Network net, int layer, double[] sum, double[] sumSq, long count) {
    float[] mean = new float[sum.length];
    float[] var = new float[sum.length];
    for (int j = 0; j < sum.length; j++) {
      double m = sum[j] / count;
      mean[j] = (float) m;
      var[j] = (float) Math.max(0, sumSq[j] / count - m * m);
    }
    org.deeplearning4j.nn.api.Layer bn = net.layer(layer);
    INDArray meanParam = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    INDArray varParam = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
    meanParam.assign(org.nd4j.linalg.factory.Nd4j.create(mean).reshape(meanParam.shape()));
    varParam.assign(org.nd4j.linalg.factory.Nd4j.create(var).reshape(varParam.shape()));
  }
}
