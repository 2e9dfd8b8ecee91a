package io.troupe.data;

/**
 * How raw features are mapped before they reach a network. Always fitted on training data only;
 * see {@link FeatureTransform}.
 */
public enum Scaling {
  /** Raw values unchanged (pixels stay 0..255). */
  NONE,
  /** To [0, 1]: pixels divided by 255; float features min-max scaled per feature. */
  UNIT,
  /** Per feature: subtract the training mean, divide by the training standard deviation. */
  STANDARDIZE
}
