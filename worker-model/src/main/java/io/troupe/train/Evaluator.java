package io.troupe.train;

import io.troupe.eval.Predictions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a network over a whole dataset in inference mode, in chunks, into compact predictions. */
public final class Evaluator {
  static final int CHUNK = 1024;

  private Evaluator() {}

  public static Predictions predict(MultiLayerNetwork net, BatchSource source) {
    int n = source.size();
    if (n == 0) {
      return Predictions.fromRows(new float[0], 0, Math.max(1, outputs(net)));
    }
    float[] out = null;
    int columns = 0;
    for (int from = 0; from < n; from += CHUNK) {
      int to = Math.min(n, from + CHUNK);
      INDArray y = net.output(source.features(from, to), false);
      if (out == null) {
        columns = (int) y.size(1);
        out = new float[n * columns];
      }
      float[] chunk = y.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
      System.arraycopy(chunk, 0, out, from * columns, chunk.length);
    }
    return Predictions.fromRows(out, n, columns);
  }

  private static int outputs(MultiLayerNetwork net) {
    return (int) net.getLayer(net.getnLayers() - 1).getParam("b").length();
  }
}
