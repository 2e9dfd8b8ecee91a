package io.troupe.train;

import io.troupe.eval.Predictions;
import io.troupe.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a network over a whole dataset in inference mode, in chunks of {@link #CHUNK} rows from
 * row 0, into compact predictions. Scoring a range that starts on a chunk boundary
 * ({@link #predictRows}) feeds the network exactly the same batches, so distributed scoring
 * reproduces these numbers bit for bit.
 */
public final class Evaluator {
  public static final int CHUNK = 1024;

  private Evaluator() {}

  public static Predictions predict(Network net, BatchSource source) {
    int n = source.size();
    if (n == 0) {
      return Predictions.fromRows(new float[0], 0, Math.max(1, net.outputs()));
    }
    float[] out = predictRows(net, source, 0, n);
    return Predictions.fromRows(out, n, out.length / n);
  }

  /**
   * Row-major outputs of rows [from, to), scored in chunks of {@link #CHUNK} rows.
   *
   * @throws IllegalArgumentException if {@code from} is not a multiple of {@link #CHUNK} (the
   *     chunks would differ from a whole-set pass) or the range is empty or out of bounds
   */
  public static float[] predictRows(Network net, BatchSource source, int from, int to) {
    if (from % CHUNK != 0 || from < 0 || to <= from || to > source.size()) {
      throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + source.size()
          + ": the range must be non-empty and start on a multiple of " + CHUNK);
    }
    float[] out = null;
    int columns = 0;
    INDArray whole = null; // one features array reused by every full chunk
    for (int start = from; start < to; start += CHUNK) {
      int end = Math.min(to, start + CHUNK);
      INDArray features;
      if (end - start == CHUNK) {
        whole = whole != null ? whole : HostArrays.reusable(CHUNK, source.data().numFeatures());
        features = whole;
      } else {
        features = HostArrays.reusable(end - start, source.data().numFeatures());
      }
      source.fillFeatures(start, end, features);
      INDArray y = net.output(features);
      if (out == null) {
        columns = (int) y.size(1);
        out = new float[(to - from) * columns];
      }
      float[] chunk = y.castTo(DataType.FLOAT).data().asFloat();
      System.arraycopy(chunk, 0, out, (start - from) * columns, chunk.length);
    }
    return out;
  }

}
