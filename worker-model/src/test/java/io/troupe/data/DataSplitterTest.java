package io.troupe.data;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataSplitterTest {
  /** Train pool of 1000 and test of 200; feature 0 is the row id, so rows can be traced. */
  private static SourceData source() {
    return new SourceData(withIds("pool", 1000, 0), withIds("test", 200, 100000));
  }

  private static Dataset withIds(String name, int n, int firstId) {
    float[] x = new float[n * 2];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = firstId + i;
      x[2 * i + 1] = (i * 37) % 101;
      labels[i] = i % 4;
    }
    return Dataset.ofFloats(name, new int[] {2}, x, labels, 4);
  }

  private static List<Integer> ids(Dataset d) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      ids.add((int) d.rawFeature(i, 0));
    }
    return ids;
  }

  private static DataSplits split(double validation, Integer trainCap, Integer validationCap,
      Integer testCap, long seed) {
    return DataSplitter.split(source(), validation, trainCap, validationCap, testCap,
        Scaling.NONE, seed);
  }

  @Test
  void sameSeedGivesIdenticalSplits() {
    DataSplits a = split(0.2, null, null, 50, 5);
    DataSplits b = split(0.2, null, null, 50, 5);
    assertEquals(a.train().fingerprint(), b.train().fingerprint());
    assertEquals(a.validation().fingerprint(), b.validation().fingerprint());
    assertEquals(a.test().fingerprint(), b.test().fingerprint());
    assertEquals(a.sourceFingerprint(), b.sourceFingerprint());
  }

  @Test
  void differentSeedGivesDifferentSplitsOfTheSameSource() {
    DataSplits a = split(0.2, null, null, 50, 5);
    DataSplits b = split(0.2, null, null, 50, 6);
    assertNotEquals(a.validation().fingerprint(), b.validation().fingerprint());
    assertNotEquals(a.train().fingerprint(), b.train().fingerprint());
    assertNotEquals(a.test().fingerprint(), b.test().fingerprint());
    assertEquals(a.sourceFingerprint(), b.sourceFingerprint());
  }

  @Test
  void validationIsDisjointFromTrainAndTogetherTheyAreThePool() {
    DataSplits s = split(0.25, null, null, null, 9);
    assertEquals(250, s.validation().size());
    assertEquals(750, s.train().size());
    Set<Integer> train = new HashSet<>(ids(s.train()));
    Set<Integer> validation = new HashSet<>(ids(s.validation()));
    assertEquals(750, train.size(), "no duplicates");
    assertTrue(validation.stream().noneMatch(train::contains), "disjoint");
    train.addAll(validation);
    assertEquals(new HashSet<>(IntStream.range(0, 1000).boxed().toList()), train);
    assertTrue(ids(s.test()).stream().allMatch(id -> id >= 100000), "test never mixed in");
  }

  @Test
  void trainAndValidationAreShuffledTestKeepsSourceOrder() {
    DataSplits s = split(0.2, null, null, null, 1);
    List<Integer> train = ids(s.train());
    assertNotEquals(train.stream().sorted().toList(), train, "train is in permutation order");
    assertEquals(source().test().fingerprint(), s.test().fingerprint(), "uncapped test as is");
    List<Integer> capped = ids(split(0.2, null, null, 30, 1).test());
    assertEquals(capped.stream().sorted().toList(), capped, "capped test in source order");
  }

  @Test
  void validationDoesNotDependOnTheTrainCap() {
    DataSplits all = split(0.1, null, null, null, 3);
    DataSplits capped = split(0.1, 100, null, null, 3);
    assertEquals(all.validation().fingerprint(), capped.validation().fingerprint());
    assertEquals(100, capped.train().size());
    assertEquals(ids(all.train()).subList(0, 100), ids(capped.train()));
  }

  @Test
  void capsAreRespected() {
    DataSplits s = split(0.3, 200, 50, 20, 4);
    assertEquals(200, s.train().size());
    assertEquals(50, s.validation().size());
    assertEquals(20, s.test().size());
    assertEquals(split(0.3, null, null, null, 4).validation().select(
        IntStream.range(0, 50).toArray(), "x").fingerprint(), s.validation().fingerprint());
  }

  @Test
  void zeroValidationGivesAnEmptyValidationPart() {
    DataSplits s = split(0.0, null, null, null, 4);
    assertEquals(0, s.validation().size());
    assertEquals(1000, s.train().size());
  }

  @Test
  void capTooLargeNamesTheConfigPathAndWhatIsAvailable() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> split(0.1, 901, null, null, 1));
    assertContains(e, "data.subset.train: 901 exceeds the 900 training examples left after the"
        + " validation split");
    InvalidInputException all = assertThrows(InvalidInputException.class,
        () -> split(0.1, 0, 101, 201, 1));
    assertEquals(3, all.problems().size(), all.getMessage());
    assertContains(all, "data.subset.train: must be >= 1", "data.subset.validation: 101 exceeds"
        + " the 100 validation examples", "data.subset.test: 201 exceeds the 200 test examples");
  }

  @Test
  void validationFractionOutOfRange() {
    for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> split(bad, null, null, null, 1));
      assertContains(e, "data.validation: must be in [0, 1), got " + bad);
    }
    InvalidInputException none = assertThrows(InvalidInputException.class,
        () -> split(0.9999, null, null, null, 1));
    assertContains(none, "data.validation: 0.9999 of 1000 training examples leaves none");
  }

  @Test
  void sourceFingerprintCombinesTrainAndTest() {
    SourceData src = source();
    SourceData swapped = new SourceData(src.test(), src.train());
    DataSplits a = split(0.1, null, null, null, 1);
    DataSplits b = DataSplitter.split(swapped, 0.1, null, null, null, Scaling.NONE, 1);
    assertTrue(a.sourceFingerprint().matches("sha256:[0-9a-f]{16}"));
    assertNotEquals(a.sourceFingerprint(), b.sourceFingerprint());
  }

  @Test
  void permutationIsAPermutationAndSeeded() {
    int[] p = Shuffles.permutation(100, 1);
    assertEquals(IntStream.range(0, 100).boxed().toList(),
        IntStream.of(p).sorted().boxed().toList());
    assertNotEquals(IntStream.of(p).boxed().toList(),
        IntStream.of(Shuffles.permutation(100, 2)).boxed().toList());
  }
}
