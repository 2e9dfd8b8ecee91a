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
    Random rng = augmenter == null ? null : new Random(Seeds.derive(batchSeed, AUGMENT_STREAM));
    return new DataSet(features(rows, from, to, rng), targets(rows, from, to));
  }

  /** Features of rows [from, to) in data order, never augmented (evaluation). */
  public INDArray features(int from, int to) {
    return features(null, from, to, null);
  }

  public INDArray targets(int from, int to) {
    return targets(null, from, to);
  }

  private INDArray features(int[] rows, int from, int to, Random rng) {
    int batch = to - from;
    float[] out = new float[batch * numFeatures];
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
    return Nd4j.create(out, new long[] {batch, numFeatures}, 'c');
  }

  private INDArray targets(int[] rows, int from, int to) {
    int batch = to - from;
    if (data.task() == Task.REGRESSION) {
      float[] y = new float[batch];
      for (int i = 0; i < batch; i++) {
        y[i] = data.target(rows == null ? from + i : rows[from + i]);
      }
      return Nd4j.create(y, new long[] {batch, 1}, 'c');
    }
    int classes = data.numClasses();
    float[] oneHot = new float[batch * classes];
    for (int i = 0; i < batch; i++) {
      oneHot[i * classes + data.label(rows == null ? from + i : rows[from + i])] = 1f;
    }
    return Nd4j.create(oneHot, new long[] {batch, classes}, 'c');
  }
}
