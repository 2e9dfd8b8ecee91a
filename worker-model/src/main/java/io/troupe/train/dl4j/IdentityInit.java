package io.troupe.train.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Identity weight initialisation for rectangular dense weight matrices: {@code gain} on the main
 * diagonal of the {@code [nIn, nOut]} matrix, zeros elsewhere (DL4J's WeightInit.IDENTITY only
 * accepts square matrices). With identity activations and zero biases a stack of such layers
 * starts as the identity map on the first min(nIn, nOut) inputs, i.e. "weights near 1" for deep
 * narrow linear networks. Biases are initialised by DL4J as usual (biasInit).
 */
public final class IdentityInit implements IWeightInit {
  private static final long serialVersionUID = 1L;

  // Serialised by field (IWeightInit sets field visibility for Jackson).
  private final double gain;

  /** Ones on the diagonal. */
  public IdentityInit() {
    this(1.0);
  }

  /** {@code gain} on the diagonal (dimensionless weight value). */
  @JsonCreator
  public IdentityInit(@JsonProperty("gain") Double gain) {
    // A missing property means the default, as in DL4J's WeightInitIdentity(scale).
    this.gain = gain == null ? 1.0 : gain;
    if (!Double.isFinite(this.gain)) {
      throw new IllegalArgumentException("IdentityInit gain must be finite, got " + gain);
    }
  }

  /** The diagonal value. */
  public double gain() {
    return gain;
  }

  /** Fills {@code paramView} with the scaled identity and returns it reshaped to {@code shape}. */
  @Override
  public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
    if (shape.length != 2) {
      throw new IllegalArgumentException("IdentityInit needs a 2-d [nIn, nOut] weight matrix, got "
          + "shape " + Arrays.toString(shape) + " (dense layers only)");
    }
    long rows = shape[0];
    long cols = shape[1];
    paramView.assign(0);
    for (long i = 0; i < Math.min(rows, cols); i++) {
      // Linear index of element (i, i) in the flattened view, in DL4J's parameter order.
      long linear = order == 'f' ? i + i * rows : i * cols + i;
      paramView.putScalar(linear, gain);
    }
    return paramView.reshape(order, shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityInit other && Double.compare(gain, other.gain) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(gain);
  }

  @Override
  public String toString() {
    return "IdentityInit(gain=" + gain + ")";
  }
}
