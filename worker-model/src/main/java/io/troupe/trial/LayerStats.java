package io.troupe.trial;

import java.io.Serializable;

/**
 * One layer's diagnostics over one epoch. NaN where a figure does not apply (no weights, or an
 * activation that cannot saturate).
 *
 * @param updateRatio mean over sampled iterations of |update| / |weights| (L2 norms of the weight
 *     matrix; seed 002: healthy near 1e-3)
 * @param saturatedFraction share of units in a flat region of their activation: sigmoid outside
 *     (0.01, 0.99), tanh |a| > 0.99, relu/leaky relu a <= 0 (inactive), elu a <= -0.99 alpha
 */
public record LayerStats(String layer, double updateRatio, double activationMean, double activationStd,
    double saturatedFraction) implements Serializable {}
