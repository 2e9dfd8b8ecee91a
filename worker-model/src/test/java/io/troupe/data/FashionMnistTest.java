package io.troupe.data;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real files from Debian's dataset-fashion-mnist package; never skipped. */
class FashionMnistTest {
  // The Debian package's files are fixed, so these are too. A change means the loader, the
  // hash layout or the installed data changed. Cross-checked with an independent Python reader.
  private static final String TRAIN_FINGERPRINT = "sha256:44f9a6cb019afd33";
  private static final String TEST_FINGERPRINT = "sha256:e0aa0dd7757d7e71";

  private static SourceData data;

  @BeforeAll
  static void load() {
    if (!Files.isDirectory(FashionMnist.DEFAULT_DIR)) {
      fail("Fashion-MNIST is not installed in " + FashionMnist.DEFAULT_DIR
          + ": run deploy/install-data.sh (Debian package dataset-fashion-mnist)");
    }
    data = FashionMnist.load(FashionMnist.DEFAULT_DIR);
  }

  @Test
  void countsShapeAndClasses() {
    assertEquals(60000, data.train().size());
    assertEquals(10000, data.test().size());
    assertArrayEquals(new int[] {1, 28, 28}, data.train().featureShape());
    assertArrayEquals(new int[] {1, 28, 28}, data.test().featureShape());
    assertEquals(10, data.train().numClasses());
    assertEquals(Task.CLASSIFICATION, data.train().task());
    assertTrue(data.train().isByteFeatures());
    assertEquals("fashion-mnist/train", data.train().name());
    assertEquals(10, FashionMnist.CLASS_NAMES.size());
    assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
  }

  @Test
  void labelsAreExactlyBalanced() {
    int[] train = new int[10];
    int[] test = new int[10];
    Arrays.fill(train, 6000);
    Arrays.fill(test, 1000);
    assertArrayEquals(train, data.train().labelHistogram());
    assertArrayEquals(test, data.test().labelHistogram());
  }

  @Test
  void pixelValuesSpanTheByteRange() {
    for (Dataset d : new Dataset[] {data.train(), data.test()}) {
      float[] row = new float[784];
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < d.size(); i++) {
        d.copyRawFeatures(i, row, 0);
        for (float v : row) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      assertEquals(0f, min, d.name());
      assertEquals(255f, max, d.name());
    }
  }

  @Test
  void fingerprintsAreStableAcrossLoadsAndPinned() {
    SourceData again = FashionMnist.load(FashionMnist.DEFAULT_DIR);
    assertEquals(data.train().fingerprint(), again.train().fingerprint());
    assertEquals(data.test().fingerprint(), again.test().fingerprint());
    assertEquals(TRAIN_FINGERPRINT, data.train().fingerprint());
    assertEquals(TEST_FINGERPRINT, data.test().fingerprint());
  }

  @Test
  void serializedTrainSetIsCompactAndRoundTrips() {
    byte[] bytes = Serialization.serialize(data.train());
    long raw = 60000L * 784 + 60000L * 4; // pixels as bytes + int labels
    assertTrue(bytes.length < 1.1 * raw, bytes.length + " serialized bytes vs raw " + raw);
    Dataset back = Serialization.deserialize(bytes);
    assertEquals(TRAIN_FINGERPRINT, back.fingerprint());
    assertEquals(data.train().rawFeature(12345, 400), back.rawFeature(12345, 400));
    assertEquals(data.train().label(59999), back.label(59999));
  }

  @Test
  void realSplitWithScaling() {
    DataSplits s = DataSplitter.split(data, 0.1, null, null, 1000, Scaling.UNIT, 42);
    assertEquals(54000, s.train().size());
    assertEquals(6000, s.validation().size());
    assertEquals(1000, s.test().size());
    float[] row = new float[784];
    s.transform().apply(s.train(), 0, row, 0);
    for (float v : row) {
      assertTrue(v >= 0f && v <= 1f, "scaled pixel " + v);
    }
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> DataSplitter.split(data, 0.1, 70000, null, null, Scaling.UNIT, 42));
    assertContains(e, "data.subset.train: 70000 exceeds the 54000 training examples left after"
        + " the validation split");
  }

  @Test
  void missingDirectoryTellsHowToInstall(@TempDir Path dir) {
    Path nowhere = dir.resolve("no-such-dir");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> FashionMnist.load(nowhere));
    assertContains(e, nowhere.toString(), "deploy/install-data.sh", "dataset-fashion-mnist",
        "data.path");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) throws Exception {
    for (String name : new String[] {FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS,
        FashionMnist.TEST_IMAGES}) {
      Files.copy(FashionMnist.DEFAULT_DIR.resolve(name), dir.resolve(name));
    }
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> FashionMnist.load(dir));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertContains(e, dir.resolve(FashionMnist.TEST_LABELS).toString(), "is missing",
        "deploy/install-data.sh");
  }
}
