package io.troupe.train;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.data.Shuffles;
import io.troupe.data.bootstrap.BootstrapSample;
import io.troupe.trial.TrialSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data a trial reads: training (maybe a bootstrap sample or a shard), validation, test, and
 * small fixed samples.
 */
public record TrialSources(BatchSource train, BatchSource validation, BatchSource test, BatchSource trainEval,
    INDArray probe, int[] outOfBag, BatchSource outOfBagSource) {

  public static TrialSources of(DataSplits splits, TrialSpec trial, ExperimentSpec spec) {
    Dataset whole = splits.train();
    BootstrapSample sample = bootstrap(whole, trial, spec);
    int[] oob = sample == null ? null : sample.outOfBag();
    BatchSource oobSource = sample == null ? null
        : new BatchSource(whole.select(oob, whole.name() + "#oob"), splits.transform(), null);
    Dataset trainData = rows(whole, trial, sample);
    BatchSource trainSource = new BatchSource(trainData, splits.transform(), spec.train().augment());
    int evalRows = Math.min(trainData.size(), spec.train().monitor().trainEvalExamples());
    BatchSource trainEval = new BatchSource(trainData.select(Shuffles.identity(evalRows), trainData.name() + "#eval"),
        splits.transform(), null);
    BatchSource validation = new BatchSource(splits.validation(), splits.transform(), null);
    BatchSource probeSource = validation.size() > 0 ? validation : trainEval;
    INDArray probe = probeSource.features(0, Math.min(probeSource.size(), spec.train().monitor().probeExamples()));
    return new TrialSources(trainSource, validation, new BatchSource(splits.test(), splits.transform(), null),
        trainEval, probe, oob, oobSource);
  }

  /**
   * The rows the trial trains on, as batches: the training part, a bagged member's bootstrap
   * sample, or a shard member's shard. Data-parallel workers build the same source from the same
   * broadcast data.
   */
  public static BatchSource training(DataSplits splits, TrialSpec trial, ExperimentSpec spec) {
    Dataset whole = splits.train();
    return new BatchSource(rows(whole, trial, bootstrap(whole, trial, spec)), splits.transform(),
        spec.train().augment());
  }

  /** The training part, or the bootstrap sample's rows, or the shard's. */
  private static Dataset rows(Dataset whole, TrialSpec trial, BootstrapSample sample) {
    Dataset data = whole;
    if (sample != null) {
      data = data.select(sample.indices(), data.name() + "#bootstrap");
    }
    if (trial.shard() != null) {
      data = data.select(trial.shard().rows(data.size()),
          data.name() + "#shard-" + (trial.shard().index() + 1) + "-of-" + trial.shard().count());
    }
    return data;
  }

  /** A bagged member's bootstrap sample, or null. */
  private static BootstrapSample bootstrap(Dataset whole, TrialSpec trial, ExperimentSpec spec) {
    return trial.bootstrapSeed() == null ? null
        : BootstrapSample.draw(whole.size(), spec.ensemble().bootstrapFraction(), trial.bootstrapSeed());
  }
}
