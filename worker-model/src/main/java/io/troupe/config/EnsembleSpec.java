package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;
import java.util.List;

/** Which ensemble strategies to build and compare, and how to combine their members. */
@Doc("Which ensemble strategies to build and compare (seed 002's table), and how members are combined.")
public record EnsembleSpec(
    @Doc("single (baseline), true (independent seeds), bagging (bootstrap samples), shards (members on disjoint 1/M shards of the training part, own initialisations), shards-shared-init (the same shards, one initialisation, so their parameter average is one-shot averaging), snapshots (one cyclic-cosine run), snapshots-control (snapshots of a plain schedule), swa, ema, independent-average (negative control: parameter-average independently initialised members), soup (greedy soup of members sharing one initialisation).")
    @Default("[single]") List<EnsembleStrategy> strategies,
    @Doc("Members of true, bagging and independent-average ensembles.")
    @Default("10") @Min(1) int members,
    @Doc("Members of shards and shards-shared-init ensembles: each trains on its own 1/M of the training part, so the ensemble costs what one member on all the data costs.")
    @Default("4") @Min(2) int shards,
    @Doc("Combiners to report: average (soft), vote (hard; ties go to the lowest class index), weighted-vote, parameter-average (batch-norm statistics re-estimated on training data).")
    @Default("[average, vote]") List<Combiner> combiners,
    @Doc("The snapshot protocol.")
    SnapshotEnsembleSpec snapshots,
    @Doc("bagging: bootstrap sample size as a fraction of the training part (drawn with replacement).")
    @Default("1.0") @Min(value = 0, exclusive = true) @Max(2) double bootstrapFraction,
    @Doc("Test sets larger than this are scored on the executors instead of on the driver.")
    @Default("50000") @Min(1) int distributedScoringAbove,
    @Doc("Ensembles from a finished sweep's stored predictions (ensemble --from-sweep).")
    SelectionSpec selection,
    @Doc("What the ensemble command builds from: members (trains each strategy's members) or sweep (the finished trials of the sweep in the same directory, no training; the same as ensemble --from-sweep).")
    @Default("members") EnsembleSource source) {

  public EnsembleSpec {
    strategies = List.copyOf(strategies);
    combiners = List.copyOf(combiners);
  }
}
