package io.troupe.search.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ParamDomain;
import io.troupe.search.RandomSampler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestFunctionsTest {
  private static Map<String, Object> point(String prefix, int from, double... values) {
    Map<String, Object> p = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      p.put(prefix + (i + from), values[i]);
    }
    return p;
  }

  private static Map<String, Object> all(String prefix, int from, int n, double value) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, value);
    return point(prefix, from, v);
  }

  @Test
  void knownMinimaAreReachedWhereTheLiteratureSays() {
    TestFunction branin = TestFunctions.branin();
    for (double[] x : new double[][] {{-Math.PI, 12.275}, {Math.PI, 2.275}, {9.42478, 2.475}}) {
      assertEquals(branin.minimum(), branin.at(point("x", 1, x)), 1e-5);
    }
    assertEquals(0.397887, branin.minimum(), 1e-6);
    TestFunction hartmann = TestFunctions.hartmann6();
    assertEquals(-3.32237, hartmann.minimum(), 1e-5);
    assertEquals(hartmann.minimum(),
        hartmann.at(point("x", 1, 0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573)), 1e-9);
    TestFunction rosenbrock = TestFunctions.rosenbrock10Log();
    assertEquals(0, rosenbrock.minimum());
    assertEquals(0, rosenbrock.at(all("u", 0, 10, 10.0)), 1e-12);
  }

  @Test
  void noRandomPointBeatsTheMinimum() {
    for (TestFunction f : TestFunctions.all()) {
      for (Map<String, Object> p : RandomSampler.samples(f.space(), 1, 2000)) {
        assertTrue(f.at(p) >= f.minimum() - 1e-9, f.name() + " at " + p);
      }
    }
  }

  /** The values deploy/bench/optuna_search.py --values printed (Python's math, once): the same formulas. */
  @Test
  void valuesAtFixedPointsAreThePythonScripts() {
    TestFunction branin = TestFunctions.branin();
    assertEquals(0.39788735772973816, branin.at(point("x", 1, -Math.PI, 12.275)), 1e-12);
    assertEquals(55.602112642270264, branin.at(point("x", 1, 0, 0)), 1e-12);
    assertEquals(145.87219087939556, branin.at(point("x", 1, 10, 15)), 1e-12);
    assertEquals(24.129964413622268, branin.at(point("x", 1, 2.5, 7.5)), 1e-12);
    TestFunction hartmann = TestFunctions.hartmann6();
    assertEquals(-3.322368011391339,
        hartmann.at(point("x", 1, 0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573)), 1e-12);
    assertEquals(-0.5053149917022333, hartmann.at(all("x", 1, 6, 0.5)), 1e-12);
    assertEquals(-1.4069105761385297, hartmann.at(point("x", 1, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5,
        0.6000000000000001)), 1e-12);
    TestFunction rosenbrock = TestFunctions.rosenbrock10Log();
    assertEquals(9.0, rosenbrock.at(all("u", 0, 10, 1.0)), 1e-12);
    double[] u = new double[10];
    for (int i = 0; i < 10; i++) {
      u[i] = Math.pow(10, -2 + 0.4 * i);
    }
    assertEquals(5280.36, rosenbrock.at(point("u", 0, u)), 1e-8);
  }

  @Test
  void spacesAreTheDocumentedOnes() {
    assertEquals(Map.of("x1", new ParamDomain.Uniform(-5, 10, 0), "x2", new ParamDomain.Uniform(0, 15, 0)),
        TestFunctions.branin().space());
    assertEquals(TestFunctions.branin().space(), TestFunctions.braninNoisy().space());
    assertEquals(1.0, TestFunctions.braninNoisy().noiseSd());
    assertEquals(6, TestFunctions.hartmann6().space().size());
    assertEquals(new ParamDomain.LogUniform(0.01, 100, 0), TestFunctions.rosenbrock10Log().space().get("u9"));
    assertEquals(List.of("branin", "hartmann6", "rosenbrock10-log", "branin-noisy"),
        TestFunctions.all().stream().map(TestFunction::name).toList());
  }
}
