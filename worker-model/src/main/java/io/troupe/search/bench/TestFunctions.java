package io.troupe.search.bench;

import io.troupe.config.ParamDomain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search benchmark's functions, all minimised; deploy/bench/optuna_search.py defines the same
 * ones for Optuna (BenchSearchCommandTest checks the two agree at fixed points).
 *
 * <ul>
 *   <li>branin: x1 in [-5, 10], x2 in [0, 15]; minimum 5/(4 pi) = 0.397887 at three points.
 *   <li>hartmann6: x1..x6 in [0, 1]; minimum -3.32237 near (0.20169, 0.150011, 0.476874,
 *       0.275332, 0.311652, 0.6573).
 *   <li>rosenbrock10-log: u0..u9 log-uniform in [0.01, 100], x_i = log10(u_i) in [-2, 2], the
 *       10-dimensional Rosenbrock sum over i = 0..8 of 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2;
 *       minimum 0 at every u_i = 10, inside the domain. A stand-in for learning rates and
 *       regularisation strengths searched in log space.
 *   <li>branin-noisy: branin observed with Gaussian noise of sd 1; regret on the noiseless value.
 * </ul>
 */
public final class TestFunctions {
  /** Known minima (Branin's exact: the cosine term at pi with the square 0). */
  static final double BRANIN_MINIMUM = 5 / (4 * Math.PI);
  static final double HARTMANN6_MINIMUM = -3.322368011415511;

  private static final double[] HARTMANN_ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] HARTMANN_A = {
      {10, 3, 17, 3.5, 1.7, 8},
      {0.05, 10, 17, 0.1, 8, 14},
      {3, 3.5, 1.7, 10, 17, 8},
      {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] HARTMANN_P = {
      {1312, 1696, 5569, 124, 8283, 5886},
      {2329, 4135, 8307, 3736, 1004, 9991},
      {2348, 1451, 3522, 2883, 3047, 6650},
      {4047, 8828, 8732, 5743, 1091, 381}};

  private TestFunctions() {}

  /** Every function, in the order the benchmark prints them. */
  public static List<TestFunction> all() {
    return List.of(branin(), hartmann6(), rosenbrock10Log(), braninNoisy());
  }

  public static TestFunction branin() {
    return new TestFunction("branin", braninSpace(), TestFunctions::branin, BRANIN_MINIMUM, 0);
  }

  public static TestFunction braninNoisy() {
    return new TestFunction("branin-noisy", braninSpace(), TestFunctions::branin, BRANIN_MINIMUM, 1);
  }

  public static TestFunction hartmann6() {
    Map<String, ParamDomain> space = new LinkedHashMap<>();
    for (int j = 1; j <= 6; j++) {
      space.put("x" + j, new ParamDomain.Uniform(0, 1, 0));
    }
    return new TestFunction("hartmann6", space, TestFunctions::hartmann6, HARTMANN6_MINIMUM, 0);
  }

  public static TestFunction rosenbrock10Log() {
    Map<String, ParamDomain> space = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      space.put("u" + i, new ParamDomain.LogUniform(0.01, 100, 0));
    }
    return new TestFunction("rosenbrock10-log", space, TestFunctions::rosenbrock10Log, 0, 0);
  }

  private static Map<String, ParamDomain> braninSpace() {
    return Map.of("x1", new ParamDomain.Uniform(-5, 10, 0), "x2", new ParamDomain.Uniform(0, 15, 0));
  }

  static double branin(Map<String, Object> p) {
    double x1 = number(p, "x1");
    double x2 = number(p, "x2");
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double square = x2 - b * x1 * x1 + c * x1 - 6;
    return square * square + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  static double hartmann6(Map<String, Object> p) {
    double total = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        double d = number(p, "x" + (j + 1)) - HARTMANN_P[i][j] * 1e-4;
        inner += HARTMANN_A[i][j] * d * d;
      }
      total += HARTMANN_ALPHA[i] * Math.exp(-inner);
    }
    return -total;
  }

  static double rosenbrock10Log(Map<String, Object> p) {
    double[] x = new double[10];
    for (int i = 0; i < 10; i++) {
      x[i] = Math.log10(number(p, "u" + i));
    }
    double sum = 0;
    for (int i = 0; i < 9; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  }

  private static double number(Map<String, Object> p, String path) {
    return ((Number) p.get(path)).doubleValue();
  }
}
