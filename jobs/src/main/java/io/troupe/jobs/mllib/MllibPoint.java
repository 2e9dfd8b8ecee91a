package io.troupe.jobs.mllib;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One grid point as MLlib's MultilayerPerceptronClassifier runs it, paired with the Troupe trial it
 * mirrors.
 *
 * @param trialId the id of the Troupe trial with the same searched values
 * @param params those searched values (config path to value)
 * @param layers MLlib's layer sizes: input features, the hidden widths, classes
 * @param maxIter MLlib's iteration cap (L-BFGS iterations)
 * @param seed the Troupe trial's seed, used as MLlib's weight-initialisation seed
 */
public record MllibPoint(String trialId, Map<String, Object> params, List<Integer> layers, int maxIter, long seed) {

  public MllibPoint {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    layers = List.copyOf(layers);
    if (layers.size() < 2) {
      throw new IllegalArgumentException("an MLP needs at least input and output layers, got " + layers);
    }
    if (maxIter < 1) {
      throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
    }
  }

  public int[] layerArray() {
    return layers.stream().mapToInt(Integer::intValue).toArray();
  }
}
