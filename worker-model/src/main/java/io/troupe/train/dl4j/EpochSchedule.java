package io.troupe.train.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning-rate schedule over fractional epochs {@code t = iteration / iterationsPerEpoch}, so
 * the same schedule means the same thing whatever the dataset or batch size. {@code iteration} is
 * DL4J's 0-based count of optimizer steps (minibatches) since training began; DL4J's epoch
 * argument is ignored. All rates are in the updater's learning-rate units; all {@code *Epochs}
 * fields are in epochs (may be fractional).
 *
 * <p>Cycle boundaries (STEP, CYCLIC_COSINE) are computed in whole iterations, so they never drift
 * through floating-point error: a cycle is {@code max(1, round(cycleEpochs * iterationsPerEpoch))}
 * iterations and cycles start at iteration {@code round(cycleStartEpoch * iterationsPerEpoch)}.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class EpochSchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  /** The shape of the schedule; see the factories for the formulas. */
  public enum Kind { CONSTANT, STEP, EXPONENTIAL, INVERSE, COSINE, CYCLIC_COSINE }

  private final Kind kind;
  private final double baseLr;
  private final int iterationsPerEpoch;
  private final double totalEpochs;
  private final double stepEpochs;
  private final double factor;
  private final double decay;
  private final double minLr;
  private final double cycleEpochs;
  private final double cycleStartEpoch;

  /**
   * The general constructor; fields a kind does not use are stored but ignored. Prefer the
   * factories. Throws IllegalArgumentException naming the first invalid argument.
   */
  @JsonCreator
  public EpochSchedule(
      @JsonProperty("kind") Kind kind,
      @JsonProperty("baseLr") double baseLr,
      @JsonProperty("iterationsPerEpoch") int iterationsPerEpoch,
      @JsonProperty("totalEpochs") double totalEpochs,
      @JsonProperty("stepEpochs") double stepEpochs,
      @JsonProperty("factor") double factor,
      @JsonProperty("decay") double decay,
      @JsonProperty("minLr") double minLr,
      @JsonProperty("cycleEpochs") double cycleEpochs,
      @JsonProperty("cycleStartEpoch") double cycleStartEpoch) {
    this.kind = kind;
    this.baseLr = baseLr;
    this.iterationsPerEpoch = iterationsPerEpoch;
    this.totalEpochs = totalEpochs;
    this.stepEpochs = stepEpochs;
    this.factor = factor;
    this.decay = decay;
    this.minLr = minLr;
    this.cycleEpochs = cycleEpochs;
    this.cycleStartEpoch = cycleStartEpoch;
    validate();
  }

  /** lr = baseLr. */
  public static EpochSchedule constant(double baseLr, int iterationsPerEpoch) {
    return new EpochSchedule(Kind.CONSTANT, baseLr, iterationsPerEpoch, 0, 0, 0, 0, 0, 0, 0);
  }

  /** lr = baseLr * factor^floor(t / stepEpochs). */
  public static EpochSchedule step(
      double baseLr, int iterationsPerEpoch, double stepEpochs, double factor) {
    return new EpochSchedule(
        Kind.STEP, baseLr, iterationsPerEpoch, 0, stepEpochs, factor, 0, 0, 0, 0);
  }

  /** lr = baseLr * exp(-decay * t), decay per epoch. */
  public static EpochSchedule exponential(double baseLr, int iterationsPerEpoch, double decay) {
    return new EpochSchedule(
        Kind.EXPONENTIAL, baseLr, iterationsPerEpoch, 0, 0, 0, decay, 0, 0, 0);
  }

  /** lr = baseLr / (1 + decay * t), decay per epoch. */
  public static EpochSchedule inverse(double baseLr, int iterationsPerEpoch, double decay) {
    return new EpochSchedule(Kind.INVERSE, baseLr, iterationsPerEpoch, 0, 0, 0, decay, 0, 0, 0);
  }

  /** lr = minLr + (baseLr - minLr) (1 + cos(pi min(t, T) / T)) / 2, T = totalEpochs. */
  public static EpochSchedule cosine(
      double baseLr, double minLr, int iterationsPerEpoch, double totalEpochs) {
    return new EpochSchedule(
        Kind.COSINE, baseLr, iterationsPerEpoch, totalEpochs, 0, 0, 0, minLr, 0, 0);
  }

  /**
   * SGDR warm restarts (Loshchilov and Hutter): baseLr until cycleStartEpoch, then cosine cycles
   * of cycleEpochs from baseLr down towards minLr, each restarting at baseLr.
   */
  public static EpochSchedule cyclicCosine(double baseLr, double minLr, int iterationsPerEpoch,
      double cycleEpochs, double cycleStartEpoch) {
    return new EpochSchedule(Kind.CYCLIC_COSINE, baseLr, iterationsPerEpoch, 0, 0, 0, 0, minLr,
        cycleEpochs, cycleStartEpoch);
  }

  private void validate() {
    require(kind != null, "kind must be set");
    require(Double.isFinite(baseLr) && baseLr > 0, "baseLr must be finite and > 0, got " + baseLr);
    require(iterationsPerEpoch > 0, "iterationsPerEpoch must be > 0, got " + iterationsPerEpoch);
    switch (kind) {
      case STEP -> {
        require(Double.isFinite(stepEpochs) && stepEpochs > 0,
            "stepEpochs must be finite and > 0, got " + stepEpochs);
        require(Double.isFinite(factor) && factor > 0,
            "factor must be finite and > 0, got " + factor);
      }
      case EXPONENTIAL, INVERSE -> require(Double.isFinite(decay) && decay >= 0,
          "decay must be finite and >= 0, got " + decay);
      case COSINE -> {
        require(Double.isFinite(totalEpochs) && totalEpochs > 0,
            "totalEpochs must be finite and > 0, got " + totalEpochs);
        requireMinLr();
      }
      case CYCLIC_COSINE -> {
        require(Double.isFinite(cycleEpochs) && cycleEpochs > 0,
            "cycleEpochs must be finite and > 0, got " + cycleEpochs);
        require(Double.isFinite(cycleStartEpoch) && cycleStartEpoch >= 0,
            "cycleStartEpoch must be finite and >= 0, got " + cycleStartEpoch);
        requireMinLr();
      }
      default -> { }
    }
  }

  private void requireMinLr() {
    require(minLr >= 0 && minLr <= baseLr,
        "minLr must be in [0, baseLr=" + baseLr + "], got " + minLr);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("EpochSchedule: " + message);
    }
  }

  /** The learning rate at 0-based {@code iteration}; {@code epoch} is ignored. */
  @Override
  public double valueAt(int iteration, int epoch) {
    return valueAt((long) iteration);
  }

  /** The learning rate at 0-based {@code iteration}. */
  public double valueAt(long iteration) {
    double t = (double) iteration / iterationsPerEpoch;
    return switch (kind) {
      case CONSTANT -> baseLr;
      case STEP -> baseLr * Math.pow(factor, stepsTaken(iteration));
      case EXPONENTIAL -> baseLr * Math.exp(-decay * t);
      case INVERSE -> baseLr / (1 + decay * t);
      case COSINE -> cosineBetween(Math.min(t, totalEpochs) / totalEpochs);
      case CYCLIC_COSINE -> cyclic(iteration);
    };
  }

  // floor(t / stepEpochs) in iterations; the 1e-6 iteration slack absorbs rounding in
  // stepEpochs * iterationsPerEpoch (e.g. 0.1 * 30) so a boundary is not missed by one step.
  private long stepsTaken(long iteration) {
    return (long) Math.floor((iteration + 1e-6) / (stepEpochs * iterationsPerEpoch));
  }

  private double cyclic(long iteration) {
    long start = cycleStartIteration();
    if (iteration < start) {
      return baseLr;
    }
    long len = iterationsPerCycle();
    return cosineBetween((double) ((iteration - start) % len) / len);
  }

  // Half a cosine from baseLr (fraction 0) down to minLr (fraction 1).
  private double cosineBetween(double fraction) {
    return minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * fraction)) / 2;
  }

  /** Iterations per warm-restart cycle (CYCLIC_COSINE), at least 1. */
  public long iterationsPerCycle() {
    return Math.max(1L, Math.round(cycleEpochs * iterationsPerEpoch));
  }

  /** The iteration at which the first cycle starts (CYCLIC_COSINE). */
  public long cycleStartIteration() {
    return Math.round(cycleStartEpoch * iterationsPerEpoch);
  }

  /**
   * The 0-based cycle that {@code iteration} belongs to, or -1 before cycles start; always -1
   * for kinds other than CYCLIC_COSINE.
   */
  public int cycleIndex(long iteration) {
    if (kind != Kind.CYCLIC_COSINE || iteration < cycleStartIteration()) {
      return -1;
    }
    return Math.toIntExact((iteration - cycleStartIteration()) / iterationsPerCycle());
  }

  /**
   * True when {@code iteration} is the last of a cycle (the next one starts a new cycle): the
   * point to take a snapshot, where the rate is lowest. The end of the constant phase before
   * the first cycle is not a cycle end.
   */
  public boolean endsCycle(long iteration) {
    int c = cycleIndex(iteration);
    return c >= 0 && cycleIndex(iteration + 1) != c;
  }

  /** The schedule's kind. */
  public Kind kind() {
    return kind;
  }

  /** The starting (and, for CYCLIC_COSINE, restart) learning rate. */
  public double baseLr() {
    return baseLr;
  }

  /** Iterations (minibatches) per epoch. */
  public int iterationsPerEpoch() {
    return iterationsPerEpoch;
  }

  @Override
  public EpochSchedule clone() {
    return new EpochSchedule(kind, baseLr, iterationsPerEpoch, totalEpochs, stepEpochs, factor,
        decay, minLr, cycleEpochs, cycleStartEpoch);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EpochSchedule s && kind == s.kind
        && Double.compare(baseLr, s.baseLr) == 0 && iterationsPerEpoch == s.iterationsPerEpoch
        && Double.compare(totalEpochs, s.totalEpochs) == 0
        && Double.compare(stepEpochs, s.stepEpochs) == 0 && Double.compare(factor, s.factor) == 0
        && Double.compare(decay, s.decay) == 0 && Double.compare(minLr, s.minLr) == 0
        && Double.compare(cycleEpochs, s.cycleEpochs) == 0
        && Double.compare(cycleStartEpoch, s.cycleStartEpoch) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, baseLr, iterationsPerEpoch, totalEpochs, stepEpochs, factor, decay,
        minLr, cycleEpochs, cycleStartEpoch);
  }

  @Override
  public String toString() {
    return "EpochSchedule(kind=" + kind + ", baseLr=" + baseLr + ", iterationsPerEpoch="
        + iterationsPerEpoch + ", totalEpochs=" + totalEpochs + ", stepEpochs=" + stepEpochs
        + ", factor=" + factor + ", decay=" + decay + ", minLr=" + minLr + ", cycleEpochs="
        + cycleEpochs + ", cycleStartEpoch=" + cycleStartEpoch + ")";
  }
}
