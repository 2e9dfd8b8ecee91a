package io.troupe.driver.parallel;

import io.troupe.api.InputLayout;
import io.troupe.config.AugmentSpec;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Dataset;
import io.troupe.data.DataSplits;
import io.troupe.train.BatchSource;
import io.troupe.train.ReusedBatches;
import io.troupe.train.TrialSources;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;

/**
 * On an executor: one worker's mini-batches of one averaging round, cut from the broadcast data
 * (already on the executor) in the epoch's seeded order, exactly as a one-task trial cuts them.
 * Only batch indices cross the wire; the rows never leave the executor's copy.
 */
final class RoundBatches implements FlatMapFunction<Iterator<int[]>, DataSet> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<DataSplits> data;
  private final TrialSpec trial;
  private final InputLayout layout;
  private final int epoch;
  private final int batchSize;
  private final long firstBatchSeed;

  RoundBatches(Broadcast<DataSplits> data, TrialSpec trial, InputLayout layout, int epoch, int batchSize,
      long firstBatchSeed) {
    this.data = data;
    this.trial = trial;
    this.layout = layout;
    this.epoch = epoch;
    this.batchSize = batchSize;
    this.firstBatchSeed = firstBatchSeed;
  }

  @Override
  public Iterator<DataSet> call(Iterator<int[]> workers) {
    List<int[]> assigned = new ArrayList<>();
    workers.forEachRemaining(assigned::add);
    int[] batches = assigned.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    if (batches.length == 0) {
      return java.util.Collections.emptyIterator();
    }
    TrialSource rows = SOURCES.get(trial, () -> {
      ExperimentSpec spec = trial.experiment();
      return new TrialSource(TrialSources.training(data.value(), trial, spec).data(), spec.train().augment(),
          spec.train().shuffle());
    });
    // A source of its own per task: two workers of one trial may share this executor's JVM.
    BatchSource source = new BatchSource(rows.data(), data.value().transform(), rows.augment());
    int[] order = source.epochOrder(trial.seed(), epoch, rows.shuffle());
    return new CutBatches(batches, b -> b, order, batchSize, new ReusedBatches(source), layout, firstBatchSeed);
  }

  /**
   * A trial's training rows (its bootstrap sample or shard already drawn), augmentation and
   * shuffling: parsed and drawn once per executor JVM, not once per round.
   */
  private record TrialSource(Dataset data, AugmentSpec augment, boolean shuffle) {}

  private static final TrialSourceCache SOURCES = new TrialSourceCache();

  /** The last few trials' sources on this executor, by trial id and config (a resumed id may have another). */
  private static final class TrialSourceCache {
    private static final int KEEP = 4;
    private final java.util.LinkedHashMap<String, TrialSource> entries = new java.util.LinkedHashMap<>(8, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(java.util.Map.Entry<String, TrialSource> eldest) {
        return size() > KEEP;
      }
    };

    synchronized TrialSource get(TrialSpec trial, java.util.function.Supplier<TrialSource> build) {
      return entries.computeIfAbsent(trial.trialId() + "\n" + trial.seed() + "\n" + trial.configYaml(), k -> build.get());
    }
  }
}
