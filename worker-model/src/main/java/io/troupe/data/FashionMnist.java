package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 60000 training and 10000 test greyscale images of 28x28 pixels
 * (0..255), 10 clothing classes, as gzip IDX files from Debian's dataset-fashion-mnist package.
 */
public final class FashionMnist {
  /** Where Debian's dataset-fashion-mnist package installs the files. */
  public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
  public static final int NUM_CLASSES = 10;
  /** Class names in label order (label 0 = "T-shirt/top"). */
  public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
      "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private static final String HOW_TO_INSTALL = "run deploy/install-data.sh (installs the Debian"
      + " package dataset-fashion-mnist) or set data.path to a directory holding "
      + String.join(", ", TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  private FashionMnist() {}

  /** Loads train ("fashion-mnist/train") and test ("fashion-mnist/test") from {@code dir}. */
  public static SourceData load(Path dir) {
    requireFiles(dir);
    Dataset train = IdxReader.readPair(dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS),
        "fashion-mnist/train", NUM_CLASSES);
    Dataset test = IdxReader.readPair(dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS),
        "fashion-mnist/test", NUM_CLASSES);
    return new SourceData(train, test);
  }

  // Name every missing file at once, with the fix, rather than failing on the first.
  private static void requireFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("Fashion-MNIST directory " + dir + " does not exist: "
          + HOW_TO_INSTALL);
    }
    List<String> problems = new ArrayList<>();
    for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        problems.add("Fashion-MNIST file " + file + " is missing: " + HOW_TO_INSTALL);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
