package io.troupe.train;

import io.troupe.config.AugmentSpec;
import io.troupe.data.Dataset;
import io.troupe.data.FeatureTransform;
import io.troupe.data.Seeds;
import io.troupe.data.Shuffles;
import io.troupe.data.Task;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a compact {@link Dataset} into ND4J mini-batches: scaled features [batch, features]
 * (flat; DL4J reshapes images for conv layers) and one-hot labels or [batch, 1] targets. The
 * batch order of each epoch is a seeded shuffle of (trial seed, epoch), so a trial replays exactly.
 */
public final class BatchSource {
  private static final long AUGMENT_STREAM = 7_001;

  private final Dataset data;
  private final FeatureTransform transform;
  private final ImageAugmenter augmenter;
  private final int numFeatures;
  /** Reused by the fill methods; a BatchSource belongs to one trial's thread. */
  private float[] scratch;

  /** @param augment null or disabled for evaluation sources */
  public BatchSource(Dataset data, FeatureTransform transform, AugmentSpec augment) {
    this.data = data;
    this.transform = transform;
    this.numFeatures = data.numFeatures();
    this.augmenter = augment != null && augment.enabled() && data.featureShape().length == 3
        ? new ImageAugmenter(augment, data.featureShape()) : null;
  }

  public Dataset data() {
    return data;
  }

  public int size() {
    return data.size();
  }

  /** The row order of one epoch: shuffled by (seed, epoch), or 0..n-1 when shuffle is off. */
  public int[] epochOrder(long seed, int epoch, boolean shuffle) {
    return shuffle ? Shuffles.permutation(data.size(), Seeds.derive(seed, epoch)) : Shuffles.identity(data.size());
  }

  /** A training batch of {@code rows[from..to)}, augmented with a generator seeded per batch. */
  public DataSet trainingBatch(int[] rows, int from, int to, long batchSeed) {
    return new DataSet(features(rows, from, to, augmentRng(batchSeed)), targets(rows, from, to));
  }

  /**
   * Writes the training batch of {@code rows[from..to)} into {@code into}, whose features and
   * labels must have {@code to - from} rows: the same values as {@link #trainingBatch}, without a
   * fresh off-heap array per batch.
   */
  public void fillTrainingBatch(int[] rows, int from, int to, long batchSeed, DataSet into) {
    int batch = to - from;
    if (into.getFeatures().rows() != batch || into.getLabels().rows() != batch) {
      throw new IllegalArgumentException("batch of " + batch + " rows into arrays of "
          + into.getFeatures().rows() + " and " + into.getLabels().rows() + " rows");
    }
    HostArrays.write(featureValues(rows, from, to, augmentRng(batchSeed), scratch(batch * numFeatures)),
        into.getFeatures());
    HostArrays.write(targetValues(rows, from, to), into.getLabels());
  }

  /** Columns of the targets: classes (one-hot), or 1 for regression. */
  public int targetColumns() {
    return data.task() == Task.REGRESSION ? 1 : data.numClasses();
  }

  /** Features of rows [from, to) in data order, never augmented (evaluation). */
  public INDArray features(int from, int to) {
    return features(null, from, to, null);
  }

  /** Writes the unaugmented features of rows [from, to) into {@code into} ({@code to - from} rows). */
  public void fillFeatures(int from, int to, INDArray into) {
    HostArrays.write(featureValues(null, from, to, null, scratch((to - from) * numFeatures)), into);
  }

  public INDArray targets(int from, int to) {
    return targets(null, from, to);
  }

  private Random augmentRng(long batchSeed) {
    return augmenter == null ? null : new Random(Seeds.derive(batchSeed, AUGMENT_STREAM));
  }

  private float[] scratch(int length) {
    if (scratch == null || scratch.length < length) {
      scratch = new float[length];
    }
    return scratch;
  }

  private INDArray features(int[] rows, int from, int to, Random rng) {
    int batch = to - from;
    return Nd4j.create(featureValues(rows, from, to, rng, new float[batch * numFeatures]),
        new long[] {batch, numFeatures}, 'c');
  }

  /** Scaled (and, with {@code rng}, augmented) features of the rows, row-major, into {@code out}. */
  private float[] featureValues(int[] rows, int from, int to, Random rng, float[] out) {
    int batch = to - from;
    float[] raw = rng == null ? null : new float[numFeatures];
    float[] moved = rng == null ? null : new float[numFeatures];
    for (int i = 0; i < batch; i++) {
      int row = rows == null ? from + i : rows[from + i];
      if (rng == null) {
        transform.apply(data, row, out, i * numFeatures);
      } else {
        data.copyRawFeatures(row, raw, 0);
        augmenter.augment(raw, moved, rng);
        int base = i * numFeatures;
        for (int j = 0; j < numFeatures; j++) {
          out[base + j] = (moved[j] - transform.offset(j)) * transform.scale(j);
        }
      }
    }
    return out;
  }

  private INDArray targets(int[] rows, int from, int to) {
    return Nd4j.create(targetValues(rows, from, to), new long[] {to - from, targetColumns()}, 'c');
  }

  /** One-hot labels (or regression targets) of the rows, row-major. */
  private float[] targetValues(int[] rows, int from, int to) {
    int batch = to - from;
    if (data.task() == Task.REGRESSION) {
      float[] y = new float[batch];
      for (int i = 0; i < batch; i++) {
        y[i] = data.target(rows == null ? from + i : rows[from + i]);
      }
      return y;
    }
    int classes = data.numClasses();
    float[] oneHot = new float[batch * classes];
    for (int i = 0; i < batch; i++) {
      oneHot[i * classes + data.label(rows == null ? from + i : rows[from + i])] = 1f;
    }
    return oneHot;
  }
}
