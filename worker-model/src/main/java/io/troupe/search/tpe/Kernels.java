package io.troupe.search.tpe;

import java.util.Random;

/**
 * One dimension's share of a Parzen estimator: a kernel per component (one per observation, the
 * prior last), its log score at a point (a density up to each kernel's width, see
 * {@link NumericKernels}) and a draw from it.
 */
sealed interface Kernels permits NumericKernels, ChoiceKernels {
  /** log score of component {@code k} at {@code x}: a choice's or a linear int's is its log probability. */
  double logPdf(int k, double x);

  /** A draw from component {@code k}, at a value the domain holds. */
  double sample(int k, Random rng);
}
