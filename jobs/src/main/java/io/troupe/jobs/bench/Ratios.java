package io.troupe.jobs.bench;

/** Side-by-side measurements as ratios: one per repeat, each of two arms measured in the same round. */
public final class Ratios {
  private Ratios() {}

  /** {@code over[i] / under[i]} for each repeat i. */
  public static double[] of(double[] over, double[] under) {
    if (over.length != under.length) {
      throw new IllegalArgumentException(over.length + " repeats over " + under.length);
    }
    double[] ratios = new double[over.length];
    for (int i = 0; i < over.length; i++) {
      ratios[i] = over[i] / under[i];
    }
    return ratios;
  }
}
