package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Path;

/**
 * Reads MNIST-format IDX files (gzip or raw; gzip detected by content): an images file (magic
 * 0x00000803, count x rows x columns unsigned bytes) and a labels file (magic 0x00000801, one
 * unsigned byte per image). Every problem is an {@link InvalidInputException} naming the file.
 */
public final class IdxReader {
  private IdxReader() {}

  /**
   * Reads an images file and its labels file into a byte-feature classification dataset with
   * feature shape {1, rows, columns}.
   *
   * @param numClasses number of classes; every label must be below it. {@code <= 0} infers it as
   *     the largest label + 1.
   */
  public static Dataset readPair(Path images, Path labels, String name, int numClasses) {
    IdxFile.Content img = IdxFile.read(images, IdxMagic.IMAGES, "images");
    IdxFile.Content lab = IdxFile.read(labels, IdxMagic.LABELS, "labels");
    if (img.count() != lab.count()) {
      throw new InvalidInputException(images + " holds " + img.count() + " images but " + labels
          + " holds " + lab.count() + " labels: expected one label per image");
    }
    int[] labelValues = unsigned(lab.data());
    int classes = numClasses > 0 ? numClasses : max(labelValues) + 1;
    checkLabels(labels, labelValues, classes);
    int[] shape = {1, img.dims()[1], img.dims()[2]};
    return Dataset.ofBytes(name, shape, img.data(), labelValues, classes);
  }

  private static void checkLabels(Path file, int[] labels, int numClasses) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= numClasses) {
        throw new InvalidInputException(file + ": record " + i + " (0-based): label "
            + labels[i] + " is out of range: expected 0.." + (numClasses - 1) + " ("
            + numClasses + " classes)");
      }
    }
  }

  private static int[] unsigned(byte[] bytes) {
    int[] out = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i] & 0xFF;
    }
    return out;
  }

  private static int max(int[] values) {
    int m = 0;
    for (int v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
