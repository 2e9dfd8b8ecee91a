package io.troupe.search;

import io.troupe.config.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", ASHA). Rung k trains to minEpochs * reduction^k epochs (the last rung to exactly
 * maxEpochs). A trial at rung k may continue to rung k+1 as soon as it is in the top
 * 1/reduction of the trials that have reported at rung k so far; nobody waits for a rung to fill.
 * Not thread-safe: one driver feeds it reports and asks for promotions. Deterministic given the
 * same sequence of calls.
 */
public final class AshaScheduler {
  private final int reduction;
  private final Direction direction;
  private final List<Integer> rungEpochs;
  /** Per rung: trial id -> objective reported there (NaN = diverged or failed). */
  private final List<Map<String, Double>> reports = new ArrayList<>();
  /** Per rung: trials already promoted out of it. */
  private final List<Set<String>> promoted = new ArrayList<>();
  /** Trials that ended on their own (early stopping): they keep their place in a rung's ranking but never continue. */
  private final Set<String> finished = new HashSet<>();

  /**
   * @param minEpochs epochs at the first rung, >= 1
   * @param maxEpochs epochs at the last rung, >= minEpochs
   * @param reduction the factor eta, >= 2: the top 1/eta of a rung is promoted
   */
  public AshaScheduler(int minEpochs, int maxEpochs, int reduction, Direction direction) {
    if (minEpochs < 1 || maxEpochs < minEpochs || reduction < 2) {
      throw new IllegalArgumentException("ASHA needs 1 <= minEpochs <= maxEpochs and reduction >= 2, got minEpochs "
          + minEpochs + ", maxEpochs " + maxEpochs + ", reduction " + reduction);
    }
    this.reduction = reduction;
    this.direction = Objects.requireNonNull(direction, "direction");
    this.rungEpochs = rungs(minEpochs, maxEpochs, reduction);
    for (int k = 0; k < rungEpochs.size(); k++) {
      reports.add(new HashMap<>());
      promoted.add(new HashSet<>());
    }
  }

  /** minEpochs * reduction^k while below maxEpochs, then maxEpochs: [1, 3, 9, 27] for 1/27/3. */
  static List<Integer> rungs(int minEpochs, int maxEpochs, int reduction) {
    List<Integer> rungs = new ArrayList<>();
    // long: the next power may pass Integer.MAX_VALUE before the loop sees it is >= maxEpochs.
    for (long epochs = minEpochs; epochs < maxEpochs; epochs *= reduction) {
      rungs.add((int) epochs);
    }
    rungs.add(maxEpochs);
    return Collections.unmodifiableList(rungs);
  }

  /** Epochs (total, from scratch) at each rung, ascending; the last is maxEpochs. */
  public List<Integer> rungEpochs() {
    return rungEpochs;
  }

  /**
   * Trial {@code trialId} has trained to rung {@code rung}'s epochs and scored {@code objective}
   * (NaN, or any non-finite value, if it diverged or failed: such a trial is never promoted).
   * A report at rung k > 0 also marks the trial as promoted from every lower rung, so replaying
   * stored results after a restart does not promote it twice. A second report for the same trial
   * and rung (a rerun) replaces the first; promotions already made stand.
   */
  public void report(String trialId, int rung, double objective) {
    Objects.requireNonNull(trialId, "trialId");
    checkRung(rung);
    reports.get(rung).put(trialId, objective);
    for (int lower = 0; lower < rung; lower++) {
      promoted.get(lower).add(trialId);
    }
  }

  /**
   * The next trial to continue, if any, and marks it promoted. Rungs are scanned from the highest
   * non-final rung down (finishing good trials first); within a rung the best eligible trial wins.
   * Eligible: among the top floor(n / reduction) of the n trials reported at that rung (ties by
   * trial id), scored, and not promoted from that rung yet.
   */
  public Optional<Promotion> nextPromotion() {
    for (int k = rungEpochs.size() - 2; k >= 0; k--) {
      Optional<String> candidate = candidate(k);
      if (candidate.isPresent()) {
        promoted.get(k).add(candidate.get());
        return Optional.of(new Promotion(candidate.get(), k, k + 1, rungEpochs.get(k + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * Trial {@code trialId} ended on its own before its rung's epochs (train.earlyStopping): its
   * reports still rank, so it still takes its place among a rung's top trials, but it is never promoted
   * and never counted as pruned.
   */
  public void finish(String trialId) {
    finished.add(Objects.requireNonNull(trialId, "trialId"));
  }

  /** Whether {@link #nextPromotion} would promote a trial now (without promoting it). */
  public boolean hasPromotion() {
    for (int k = rungEpochs.size() - 2; k >= 0; k--) {
      if (candidate(k).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code trialId} has been promoted out of rung {@code rung}. */
  public boolean isPromoted(String trialId, int rung) {
    checkRung(rung);
    return promoted.get(rung).contains(trialId);
  }

  /**
   * Trials stopped early: their highest reported rung is below the final rung and they were not
   * promoted from it. Meaningful once the sweep is done (before, it includes trials still waiting).
   * Sorted by trial id.
   */
  public Set<String> pruned() {
    Map<String, Integer> highest = new HashMap<>();
    for (int k = 0; k < reports.size(); k++) {
      for (String trialId : reports.get(k).keySet()) {
        highest.merge(trialId, k, Math::max);
      }
    }
    Set<String> pruned = new TreeSet<>();
    int finalRung = rungEpochs.size() - 1;
    highest.forEach((trialId, k) -> {
      if (k < finalRung && !promoted.get(k).contains(trialId) && !finished.contains(trialId)) {
        pruned.add(trialId);
      }
    });
    return Collections.unmodifiableSet(pruned);
  }

  private Optional<String> candidate(int rung) {
    Map<String, Double> atRung = reports.get(rung);
    int quota = atRung.size() / reduction;
    Comparator<Map.Entry<String, Double>> best =
        Ranking.bestFirst(direction, Map.Entry::getValue, Map.Entry::getKey);
    return atRung.entrySet().stream()
        .sorted(best)
        .limit(quota)
        .filter(e -> Double.isFinite(e.getValue()))
        .map(Map.Entry::getKey)
        .filter(id -> !promoted.get(rung).contains(id) && !finished.contains(id))
        .findFirst();
  }

  private void checkRung(int rung) {
    if (rung < 0 || rung >= rungEpochs.size()) {
      throw new IllegalArgumentException("rung must be in [0, " + (rungEpochs.size() - 1) + "], got " + rung);
    }
  }
}
