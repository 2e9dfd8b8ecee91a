package io.troupe.data;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.InvalidInputException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureTransformTest {
  @Test
  void unitOnBytesMaps255ToOne() {
    Dataset d = Dataset.ofBytes("px", new int[] {3}, new byte[] {0, (byte) 128, (byte) 255},
        new int[] {0}, 1);
    FeatureTransform t = FeatureTransform.fit(Scaling.UNIT, d);
    float[] out = new float[3];
    t.apply(d, 0, out, 0);
    assertArrayEquals(new float[] {0f, 128f / 255f, 1f}, out, 1e-7f);
  }

  @Test
  void noneIsTheIdentity() {
    Dataset d = Dataset.ofBytes("px", new int[] {2}, new byte[] {7, (byte) 200}, new int[] {0}, 1);
    float[] out = new float[3];
    FeatureTransform.fit(Scaling.NONE, d).apply(d, 0, out, 1);
    assertArrayEquals(new float[] {0f, 7f, 200f}, out);
  }

  @Test
  void unitOnFloatsIsPerFeatureMinMaxAndConstantFeaturesGetScaleOne() {
    Dataset d = Dataset.ofFloats("f", new int[] {2}, new float[] {-2, 5, 2, 5, 6, 5},
        new int[] {0, 0, 0}, 1);
    FeatureTransform t = FeatureTransform.fit(Scaling.UNIT, d);
    float[] out = new float[2];
    t.apply(d, 1, out, 0);
    assertArrayEquals(new float[] {0.5f, 0f}, out, 1e-6f);
    t.apply(d, 2, out, 0);
    assertArrayEquals(new float[] {1f, 0f}, out, 1e-6f);
    assertEquals(1f, t.scale(1));
  }

  @Test
  void standardizeGivesMeanZeroStdOneOnTrain() {
    Dataset train = SyntheticData.blobs(2000, 10, 3, 2, 2.0, 5).train();
    FeatureTransform t = FeatureTransform.fit(Scaling.STANDARDIZE, train);
    double[] sum = new double[3];
    double[] sq = new double[3];
    float[] row = new float[3];
    for (int i = 0; i < train.size(); i++) {
      t.apply(train, i, row, 0);
      for (int j = 0; j < 3; j++) {
        sum[j] += row[j];
        sq[j] += row[j] * row[j];
      }
    }
    for (int j = 0; j < 3; j++) {
      double mean = sum[j] / train.size();
      double std = Math.sqrt(sq[j] / train.size() - mean * mean);
      assertEquals(0.0, mean, 1e-4, "mean of feature " + j);
      assertEquals(1.0, std, 1e-4, "std of feature " + j);
    }
  }

  @Test
  void standardizeConstantFeatureHasScaleOne() {
    Dataset d = Dataset.ofFloats("c", new int[] {1}, new float[] {3, 3, 3}, new int[3], 1);
    FeatureTransform t = FeatureTransform.fit(Scaling.STANDARDIZE, d);
    assertEquals(3f, t.offset(0));
    assertEquals(1f, t.scale(0));
  }

  @Test
  void fittedOnTrainOnlyChangingValidationContentChangesNothing() {
    SourceData original = ramp(1000, Set.of());
    DataSplits a = DataSplitter.split(original, 0.2, null, null, null, Scaling.STANDARDIZE, 8);
    Set<Integer> validationIds = new HashSet<>();
    for (int i = 0; i < a.validation().size(); i++) {
      validationIds.add((int) a.validation().rawFeature(i, 0));
    }
    SourceData changed = ramp(1000, validationIds); // only validation rows differ
    DataSplits b = DataSplitter.split(changed, 0.2, null, null, null, Scaling.STANDARDIZE, 8);
    assertNotEquals(a.validation().fingerprint(), b.validation().fingerprint());
    assertEquals(a.train().fingerprint(), b.train().fingerprint());
    for (int j = 0; j < 2; j++) {
      assertEquals(a.transform().offset(j), b.transform().offset(j));
      assertEquals(a.transform().scale(j), b.transform().scale(j));
    }
    // And the transform is not the one fitted on the whole pool.
    assertNotEquals(FeatureTransform.fit(Scaling.STANDARDIZE, changed.train()).offset(1),
        b.transform().offset(1));
  }

  @Test
  void emptyTrainingSetCannotBeFitted() {
    Dataset empty = Dataset.ofFloats("empty", new int[] {2}, new float[0], new int[0], 1);
    assertContains(assertThrows(InvalidInputException.class,
        () -> FeatureTransform.fit(Scaling.UNIT, empty)), "empty", "empty training set");
  }

  /** Feature 0 = row id, feature 1 = id (or id * 100 for the rows in {@code boosted}). */
  private static SourceData ramp(int n, Set<Integer> boosted) {
    float[] x = new float[2 * n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = boosted.contains(i) ? i * 100f : i;
    }
    Dataset pool = Dataset.ofFloats("pool", new int[] {2}, x, new int[n], 1);
    Dataset test = Dataset.ofFloats("test", new int[] {2}, new float[] {1, 2}, new int[1], 1);
    return new SourceData(pool, test);
  }
}
