package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;

/**
 * Ensembles built from a finished sweep's stored predictions, with no training (ensemble
 * --from-sweep): the top k trials, and greedy ensemble selection with replacement (Caruana et al.,
 * 2004) on the validation predictions, scored on test.
 */
public record SelectionSpec(
    @Doc("Top-k: the k best completed trials by the objective on validation, averaged and voted.")
    @Default("5") @Min(1) int topK,
    @Doc("Greedy selection starts from the best n completed trials.")
    @Default("1") @Min(1) int initial,
    @Doc("Greedy selection: additions after the initial members, each the trial (already in or not) that most improves the validation objective.")
    @Default("25") @Min(0) int steps,
    @Doc("Bagged selection: this many selections, each among a random bagFraction of the trials, their weights summed; 0 leaves it out.")
    @Default("0") @Min(0) int bags,
    @Doc("Bagged selection: the share of the trials each bag chooses among.")
    @Default("0.5") @Min(value = 0, exclusive = true) @Max(1) double bagFraction) {}
