package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Annealed Gaussian gradient noise (Neelakantan et al.): g_t += N(0, eta / (1 + t)^gamma), t in iterations. */
public record GradientNoiseSpec(
    @Doc("Noise scale eta; 0 disables. The seed picks it from {0.01, 0.3, 1.0}.")
    @Default("0.0") @Min(0) double eta,
    @Doc("Annealing exponent gamma (the seed uses 0.55).")
    @Default("0.55") @Min(0) double gamma) {}
