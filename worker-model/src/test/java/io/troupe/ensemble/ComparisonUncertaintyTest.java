package io.troupe.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.data.Dataset;
import io.troupe.eval.Predictions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonUncertaintyTest {
  private static final int N = 400;
  private static final Dataset TEST = labelled();

  /** Two classes, label i % 2. */
  private static Dataset labelled() {
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 2;
    }
    return Dataset.ofFloats("test", new int[] {1}, new float[N], labels, 2);
  }

  /** Right (probability {@code confidence} on the label) on the first {@code right} examples, wrong after. */
  private static Predictions rightOnFirst(int right, float confidence) {
    float[] p = new float[2 * N];
    for (int i = 0; i < N; i++) {
      int label = i % 2;
      float onLabel = i < right ? confidence : 1 - confidence;
      p[2 * i + label] = onLabel;
      p[2 * i + 1 - label] = 1 - onLabel;
    }
    return Predictions.fromRows(p, N, 2);
  }

  @Test
  void theBaselineRowGetsIntervalsAndNoPValues() {
    Predictions baseline = rightOnFirst(300, 0.8f);
    Map<String, Double> f = new ComparisonUncertainty(TEST, baseline).of(baseline);
    assertEquals(List.of("accuracy_low", "accuracy_high", "nll_low", "nll_high"), List.copyOf(f.keySet()));
    assertTrue(f.get("accuracy_low") < 0.75 && 0.75 < f.get("accuracy_high"), f.toString());
  }

  @Test
  void aClearlyBetterRowDiffersAndAnEqualOneIsNoise() {
    Predictions baseline = rightOnFirst(300, 0.8f);
    ComparisonUncertainty u = new ComparisonUncertainty(TEST, baseline);
    Map<String, Double> better = u.of(rightOnFirst(360, 0.9f));
    assertTrue(better.get("accuracy_p") < 0.05, better.toString());
    assertTrue(better.get("nll_p") < 0.05, better.toString());
    // Right on the same count of examples but different ones: as many gained as lost.
    float[] shifted = rightOnFirst(300, 0.8f).toArray();
    for (int i = 0; i < 50; i++) {
      swap(shifted, i);
      swap(shifted, 300 + i);
    }
    Map<String, Double> same = u.of(Predictions.fromRows(shifted, N, 2));
    assertEquals(1.0, same.get("accuracy_p"));
    assertTrue(same.get("nll_p") >= 0.05, same.toString());
  }

  @Test
  void withoutABaselineThereAreNoPValues() {
    Map<String, Double> f = new ComparisonUncertainty(TEST, null).of(rightOnFirst(200, 0.7f));
    assertFalse(f.containsKey("accuracy_p"));
    assertEquals(0.5, (f.get("accuracy_low") + f.get("accuracy_high")) / 2, 0.02);
  }

  @Test
  void regressionGetsAnMseIntervalAndAPairedTest() {
    float[] targets = new float[N];
    float[] close = new float[N];
    float[] far = new float[N];
    for (int i = 0; i < N; i++) {
      targets[i] = i % 7;
      close[i] = targets[i] + (i % 2 == 0 ? 0.1f : -0.1f);
      far[i] = targets[i] + (i % 2 == 0 ? 1f : -1f);
    }
    Dataset test = Dataset.ofFloatsRegression("r", new int[] {1}, new float[N], targets);
    Predictions baseline = Predictions.fromRows(far, N, 1);
    Map<String, Double> f = new ComparisonUncertainty(test, baseline).of(Predictions.fromRows(close, N, 1));
    assertEquals(List.of("mse_low", "mse_high", "mse_p"), List.copyOf(f.keySet()));
    assertEquals(0.01, f.get("mse_low"), 1e-6, "every squared error is 0.01");
    assertTrue(f.get("mse_p") < 0.05, f.toString());
  }

  private static void swap(float[] p, int row) {
    float t = p[2 * row];
    p[2 * row] = p[2 * row + 1];
    p[2 * row + 1] = t;
  }
}
