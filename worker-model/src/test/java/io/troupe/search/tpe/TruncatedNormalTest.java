package io.troupe.search.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Against Python's math.erf/erfc and Optuna 3.1's _truncnorm, values printed once by them. */
class TruncatedNormalTest {
  private static void close(double expected, double actual) {
    assertEquals(expected, actual, 1e-14 * Math.max(1, Math.abs(expected)));
  }

  @Test
  void erfAndErfcMatchTheCLibraryAcrossTheirBranches() {
    double[][] xErfErfc = {
        {0.1, 0.1124629160182849, 0.8875370839817152},
        {0.5, 0.5204998778130465, 0.4795001221869535},
        {1.0, 0.8427007929497149, 0.15729920705028513},
        {1.3, 0.9340079449406524, 0.06599205505934755},
        {2.0, 0.9953222650189527, 0.004677734981047265},
        {3.0, 0.9999779095030014, 2.2090496998585438e-05},
        {5.0, 0.9999999999984626, 1.5374597944280351e-12},
        {-0.7, -0.6778011938374184, 1.6778011938374184},
        {-2.5, -0.999593047982555, 1.999593047982555}};
    for (double[] r : xErfErfc) {
      close(r[1], Erf.erf(r[0]));
      // erfc keeps relative precision in the tail
      assertEquals(r[2], Erf.erfc(r[0]), 1e-14 * r[2]);
    }
    assertEquals(2.088487583762545e-45, Erf.erfc(10), 1e-14 * 2.088487583762545e-45);
    close(1.9999779095030015, Erf.erfc(-3));
  }

  @Test
  void logMassQuantileAndLogPhiMatchOptuna() {
    close(-0.38171514630212616, TruncatedNormal.logMass(-1, 1));
    close(-3.8443534263342047, TruncatedNormal.logMass(2, 3));
    close(-424.7874199097303, TruncatedNormal.logMass(-30, -29));
    close(-0.3689464152886564, TruncatedNormal.logMass(-0.5, 40));
    assertEquals(-0.3492199324568822, TruncatedNormal.quantile(0.3, -1, 1), 1e-12);
    assertEquals(2.6978044494405458, TruncatedNormal.quantile(0.9, 2, 3), 1e-12);
    assertEquals(-29.023863512020597, TruncatedNormal.quantile(0.5, -30, -29), 1e-12);
    close(-804.6084420137538, TruncatedNormal.logPhi(-40));
    close(-15.064998393988724, TruncatedNormal.logPhi(-5));
    close(-0.6931471805599453, TruncatedNormal.logPhi(0));
    assertEquals(-1.279812543885835e-12, TruncatedNormal.logPhi(7), 1e-25);
  }

  @Test
  void theQuantileInvertsTheTruncatedCdf() {
    double a = -0.7;
    double b = 2.2;
    for (double q : new double[] {0, 0.01, 0.25, 0.5, 0.75, 0.99, 1}) {
      double x = TruncatedNormal.quantile(q, a, b);
      double cdf = (TruncatedNormal.phi(x) - TruncatedNormal.phi(a)) / (TruncatedNormal.phi(b) - TruncatedNormal.phi(a));
      assertEquals(q, cdf, 1e-12, "q " + q);
    }
  }
}
