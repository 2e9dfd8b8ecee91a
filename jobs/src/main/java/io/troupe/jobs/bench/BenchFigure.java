package io.troupe.jobs.bench;

import java.util.Objects;

/**
 * One benchmark figure beside its peer's: Troupe's {@code value} and the peer's {@code peerValue}
 * of the same measurement, in the same {@code unit}, and {@code ratio = value / peerValue} (NaN
 * when that is undefined). Written to JSON by {@link BenchJson}.
 *
 * @param name what was measured, e.g. "grid wall time"
 * @param unit the unit of both values, e.g. "s" or "fraction"
 * @param peer who the peer is, e.g. "Spark MLlib MultilayerPerceptronClassifier"
 */
public record BenchFigure(String name, double value, String unit, String peer, double peerValue, double ratio) {

  public BenchFigure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(peer, "peer");
  }

  /** A figure whose ratio is {@code value / peerValue}. */
  public static BenchFigure against(String name, double value, String unit, String peer, double peerValue) {
    double ratio = peerValue != 0 && Double.isFinite(value) && Double.isFinite(peerValue)
        ? value / peerValue : Double.NaN;
    return new BenchFigure(name, value, unit, peer, peerValue, ratio);
  }
}
