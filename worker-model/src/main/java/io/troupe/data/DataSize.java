package io.troupe.data;

import java.util.Locale;

/**
 * How much memory examples take as a {@link Dataset} holds them: {@code rows x features x
 * bytesPerValue} (1 for pixels kept as bytes, 4 for floats); labels add 4 bytes a row, left out
 * as small beside the features. Every executor holds a copy of the broadcast splits, so this is
 * what must fit one executor.
 */
public record DataSize(long rows, long features, int bytesPerValue) {
  private static final double MB = 1e6;

  /** The size of all three parts, as they are broadcast. */
  public static DataSize of(DataSplits splits) {
    Dataset train = splits.train();
    long rows = (long) train.size() + splits.validation().size() + splits.test().size();
    return new DataSize(rows, train.numFeatures(), train.isByteFeatures() ? 1 : 4);
  }

  public long bytes() {
    return rows * features * bytesPerValue;
  }

  /** E.g. "70000 rows x 784 features x 1 byte = 54.9 MB". */
  public String describe() {
    return rows + " rows x " + features + " features x " + bytesPerValue + (bytesPerValue == 1 ? " byte" : " bytes")
        + " = " + megabytes(bytes());
  }

  /** Bytes as megabytes (10^6) with one decimal, e.g. "54.9 MB"; below 0.1 MB, as bytes. */
  public static String megabytes(long bytes) {
    return bytes < MB / 10 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f MB", bytes / MB);
  }
}
