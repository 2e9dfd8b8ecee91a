package io.troupe.train.dl4j;

import java.util.Objects;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * Maps a clipping mode and threshold onto DL4J's gradient normalisation. DL4J applies it per
 * layer after dividing the gradient by the minibatch size and before L1/L2 and the updater, so
 * the threshold bounds the (averaged) gradient, not the final update when an updater rescales.
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** How to clip. */
  public enum Mode {
    /** No clipping. */
    NONE,
    /** Each element clamped to [-threshold, threshold] (ClipElementWiseAbsoluteValue). */
    VALUE,
    /** Each layer's gradient (all its parameters) rescaled to L2 norm <= threshold. */
    NORM
  }

  /**
   * Sets {@code builder}'s gradient normalisation for {@code mode}; {@code threshold} (gradient
   * units, > 0) is ignored for NONE.
   */
  public static void apply(NeuralNetConfiguration.Builder builder, Mode mode, double threshold) {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(mode, "mode");
    if (mode == Mode.NONE) {
      builder.gradientNormalization(GradientNormalization.None);
      return;
    }
    if (!(Double.isFinite(threshold) && threshold > 0)) {
      throw new IllegalArgumentException(
          "clipping threshold must be finite and > 0, got " + threshold);
    }
    builder.gradientNormalization(mode == Mode.VALUE
        ? GradientNormalization.ClipElementWiseAbsoluteValue
        : GradientNormalization.ClipL2PerLayer);
    builder.gradientNormalizationThreshold(threshold);
  }
}
