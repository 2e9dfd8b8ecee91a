package io.troupe.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the summaries print as the memory a dataset takes on every executor. */
class DataSizeTest {
  @Test
  void bytesAreRowsTimesFeaturesTimesTheBytesOfOneValue() {
    assertEquals("70000 rows x 784 features x 1 byte = 54.9 MB", new DataSize(70000, 784, 1).describe());
    assertEquals("10 rows x 3 features x 4 bytes = 120 bytes", new DataSize(10, 3, 4).describe());
    assertEquals(3_000_000_000L, new DataSize(1_000_000, 750, 4).bytes(), "no int overflow");
  }

  @Test
  void splitsCountEveryPartAndTheirStorage() {
    SourceData blobs = SyntheticData.blobs(100, 20, 5, 2, 1.0, 1);
    DataSplits splits = DataSplitter.split(blobs, 0.2, null, null, null, Scaling.NONE, 1);
    assertEquals(new DataSize(120, 5, 4), DataSize.of(splits), "floats: 4 bytes a value");
  }
}
