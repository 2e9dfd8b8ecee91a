package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Gradient clipping (seed 002): by value g_i -> clamp(g_i, -t, t), or by norm g -> g t / max(|g|, t). */
public record ClipSpec(
    @Doc("none, value (each element) or norm (L2 norm of each layer's gradient).")
    @Default("none") ClipMode mode,
    @Doc("The threshold t (seed 002 compares 10 and 100).")
    @Default("10.0") @Min(value = 0, exclusive = true) double threshold) {}
