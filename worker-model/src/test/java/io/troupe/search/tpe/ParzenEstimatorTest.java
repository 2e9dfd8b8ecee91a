package io.troupe.search.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ParamDomain;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {
  private static final double[][] POINTS = {{0.1}, {0.15}, {0.9}, {0.5}};

  private static ParzenEstimator fit(Dimension dim, double[][] points, boolean multivariate) {
    return ParzenEstimator.fit(List.of(dim), points, Groups.weights(points.length), multivariate, 1.0);
  }

  @Test
  void continuousKernelsPeakAtOneHeightWhateverTheirWidthAsInOptuna31() {
    NumericDimension dim = (NumericDimension) Dimension.of("x", new ParamDomain.Uniform(0, 1, 0));
    // sd 0.4 and 0.8 (above the magic clip's 1/3 for one value and the prior): the same peak but
    // for the mass each loses outside [0, 1]; a density's would differ by a factor of 2.
    for (double sd : new double[] {0.4, 0.8}) {
      NumericKernels k = NumericKernels.fit(dim, new double[] {0.5}, sd);
      assertEquals(-0.5 * Math.log(2 * Math.PI) - TruncatedNormal.logMass(-0.5 / sd, 0.5 / sd), k.logPdf(0, 0.5), 1e-12);
      // The prior (last) kernel likewise: sd 1 about 0.5.
      assertEquals(-0.5 * Math.log(2 * Math.PI) - TruncatedNormal.logMass(-0.5, 0.5), k.logPdf(1, 0.5), 1e-12);
    }
  }

  @Test
  void neighbourBandwidthsAreTheLargerGapClippedAndThePriorIsTheRange() {
    NumericDimension dim = (NumericDimension) Dimension.of("x", new ParamDomain.Uniform(0, 10, 0));
    // Values 1, 2, 6 and the prior's mean 5: sorted 1, 2, 5, 6 with 0 and 10 outside. Gaps: 1 looks
    // inward only (1), 2 -> max(1, 3) = 3, 6 looks inward only (1); the magic clip lifts each to
    // 10 / min(100, 1 + 4) = 2; the prior has sd 10. Checked through each kernel's peak mass.
    NumericKernels k = NumericKernels.fit(dim, new double[] {1, 2, 6}, Double.NaN);
    double[] sd = {2, 3, 2, 10};
    double[] mu = {1, 2, 6, 5};
    for (int i = 0; i < 4; i++) {
      double expected = -0.5 * Math.log(2 * Math.PI) - TruncatedNormal.logMass(-mu[i] / sd[i], (10 - mu[i]) / sd[i]);
      assertEquals(expected, k.logPdf(i, mu[i]), 1e-12, "kernel " + i);
    }
  }

  @Test
  void intAndChoiceProbabilitiesSumToOne() {
    Dimension ints = Dimension.of("n", new ParamDomain.IntRange(-2, 6, false));
    ParzenEstimator p = fit(ints, new double[][] {{-2}, {0}, {6}}, false);
    double total = 0;
    for (int v = -2; v <= 6; v++) {
      total += Math.exp(p.logPdf(new double[] {v}));
    }
    assertEquals(1.0, total, 1e-12);
    Dimension choice = Dimension.of("c", new ParamDomain.Choice(List.of("a", "b", "c")));
    ParzenEstimator q = fit(choice, new double[][] {{0}, {0}, {2}}, true);
    double sum = 0;
    for (int v = 0; v < 3; v++) {
      sum += Math.exp(q.logPdf(new double[] {v}));
    }
    assertEquals(1.0, sum, 1e-12);
    // Two of three observations on "a": it is the most likely value.
    assertTrue(q.logPdf(new double[] {0}) > q.logPdf(new double[] {1}));
  }

  @Test
  void drawsConcentrateNearTheObservationsAndStayInTheDomain() {
    Dimension dim = Dimension.of("lr", new ParamDomain.LogUniform(1e-5, 1, 0));
    double[][] points = new double[10][];
    for (int i = 0; i < 10; i++) {
      points[i] = new double[] {Math.log(1e-3 + 1e-4 * i)};
    }
    ParzenEstimator p = fit(dim, points, false);
    double[][] draws = p.sample(new Random(1), 400);
    int near = 0;
    for (double[] d : draws) {
      assertTrue(d[0] >= Math.log(1e-5) && d[0] <= 0, "in the domain: " + d[0]);
      near += Math.abs(d[0] - Math.log(1.5e-3)) < 1.5 ? 1 : 0;
    }
    // 10 of 11 components sit there (the prior is the 11th), with sd >= range/11 = 1.05 (the magic
    // clip): most draws; uniform draws would put 3/11.5 of them (about 100) there.
    assertTrue(near > 240, near + " of 400 near the observations");
  }

  @Test
  void logIntDrawsAreWholeValuesInModelCoordinates() {
    Dimension dim = Dimension.of("width", new ParamDomain.IntRange(1, 1024, true));
    ParzenEstimator p = fit(dim, new double[][] {{Math.log(64)}, {Math.log(128)}}, true);
    for (double[] d : p.sample(new Random(3), 100)) {
      double v = Math.exp(d[0]);
      assertEquals(Math.rint(v), v, 1e-9 * v);
      assertTrue(v >= 1 && v <= 1024, "" + v);
    }
  }
}
