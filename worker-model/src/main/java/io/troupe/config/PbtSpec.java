package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;
import java.util.List;

/** Population-based training: members train in generations; the weakest copy the strongest and perturb their settings. */
public record PbtSpec(
    @Doc("Members trained side by side; their first values are sampled from search.space.")
    @Default("8") @Min(2) int population,
    @Doc("Epochs per generation. At the end of each, once every member has reported it, the bottom quantile copies a top member's checkpoint (exploit) and perturbs pbt.mutable (explore). train.epochs is each member's whole budget.")
    @Default("2") @Min(1) int interval,
    @Doc("Fraction of the population in the bottom (and top) quantile: ceil(population * quantile) members, at most half, copy one of as many best; diverged or failed members always copy.")
    @Default("0.25") @Min(value = 0, exclusive = true) @Max(0.5) double quantile,
    @Doc("Config paths the explore step perturbs, e.g. [train.optimizer.lr, train.l2]: each a dimension of search.space (its domain bounds the value) or a nonzero number in the config. Only settings that keep the network's and the optimiser's shape.")
    @Default("[]") List<String> mutable,
    @Doc("Factors a copied value is multiplied by, one drawn per path, then clipped to its search.space domain; an int is rounded; a choice moves to the neighbour below for a factor < 1, above for > 1.")
    @Default("[0.8, 1.2]") @Min(value = 0, exclusive = true) List<Double> perturb,
    @Doc("Probability that a path with a search.space domain is drawn afresh from it instead of perturbed.")
    @Default("0") @Min(0) @Max(1) double resample)
    implements CrossChecked {

  public PbtSpec {
    mutable = List.copyOf(mutable);
    perturb = List.copyOf(perturb);
  }

  /** Generations: train.epochs in steps of interval, the last one shorter if they do not divide. */
  public int generations(int epochs) {
    return (epochs + interval - 1) / interval;
  }

  @Override
  public void crossCheck(Checks checks) {
    if (perturb.isEmpty()) {
      checks.fail("perturb", "must name at least one factor, e.g. [0.8, 1.2]");
    }
  }
}
