package io.troupe.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * The parts one experiment trains and evaluates on, as made by {@link DataSplitter}.
 *
 * @param train the examples to fit on (shuffled order)
 * @param validation examples carved from the training pool, for model selection (may be empty)
 * @param test the held-out test set, never mixed into train or validation
 * @param transform feature scaling fitted on {@code train} only, applied to every part
 * @param sourceFingerprint identifies the source data (its train and test sets) the parts came
 *     from; each part also has its own {@link Dataset#fingerprint()}
 * @param partitioned null when {@code train} holds every training row; else the training part stays
 *     partitioned across the executors (a data-parallel trial's spark source) and {@code train}
 *     holds only its first rows, enough for the train-set evaluation
 */
public record DataSplits(Dataset train, Dataset validation, Dataset test,
    FeatureTransform transform, String sourceFingerprint, PartitionedTrain partitioned) implements Serializable {

  public DataSplits(Dataset train, Dataset validation, Dataset test, FeatureTransform transform,
      String sourceFingerprint) {
    this(train, validation, test, transform, sourceFingerprint, null);
  }

  public DataSplits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(sourceFingerprint, "sourceFingerprint");
    if (transform.numFeatures() != train.numFeatures()) {
      throw new IllegalArgumentException("transform has " + transform.numFeatures()
          + " features, train has " + train.numFeatures());
    }
    if (partitioned != null && partitioned.rows() < train.size()) {
      throw new IllegalArgumentException("the partitioned training part has " + partitioned.rows()
          + " rows, fewer than the " + train.size() + " held here");
    }
  }

  /** The training part's rows, wherever they are. */
  public int trainRows() {
    return partitioned == null ? train.size() : partitioned.rows();
  }
}
