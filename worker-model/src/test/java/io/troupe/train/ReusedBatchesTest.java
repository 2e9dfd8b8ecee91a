package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.model.ModelFactory;
import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Reusing the batch arrays must change nothing: the same values, the same trained weights. */
class ReusedBatchesTest {
  private static final int BATCH = 32; // 600 training rows: the last batch of an epoch is shorter

  @Test
  void reusedBatchesHoldExactlyTheFreshBatches() {
    for (String task : new String[] {"classification", "regression"}) {
      ExperimentSpec spec = TrialFixture.spec("data.task=" + task, "ensemble.combiners=[average]");
      DataSplits splits = TrialFixture.data(spec);
      BatchSource source = new BatchSource(splits.train(), splits.transform(), null);
      ReusedBatches reused = new ReusedBatches(source);
      int[] order = source.epochOrder(7, 0, true);
      int batches = 0;
      for (int from = 0; from < order.length; from += BATCH) {
        int to = Math.min(order.length, from + BATCH);
        DataSet fresh = source.trainingBatch(order, from, to, from);
        DataSet again = reused.batch(order, from, to, from);
        assertEquals(fresh.getFeatures(), again.getFeatures(), task + " features of batch at " + from);
        assertEquals(fresh.getLabels(), again.getLabels(), task + " targets of batch at " + from);
        batches++;
      }
      assertEquals((order.length + BATCH - 1) / BATCH, batches);
    }
  }

  @Test
  void trainingOnReusedBatchesGivesBitIdenticalWeights() {
    // With dropout (masks drawn per batch) and two hidden layers. If fit wrote into its input or
    // kept it, the reused arrays would feed later batches altered and the weights would part.
    ExperimentSpec spec = TrialFixture.spec("model.dropout=0.5", "model.hidden=[16,8]");
    DataSplits splits = TrialFixture.data(spec);
    BatchSource source = new BatchSource(splits.train(), splits.transform(), null);
    ReusedBatches batches = new ReusedBatches(source);
    MultiLayerNetwork fresh = train(spec, splits, source, (order, from, to) -> source.trainingBatch(order, from, to, from));
    MultiLayerNetwork reused = train(spec, splits, source, (order, from, to) -> {
      DataSet batch = batches.batch(order, from, to, from);
      return batch;
    });
    INDArray a = fresh.params();
    INDArray b = reused.params();
    assertEquals(a, b);
    assertEquals(0.0, a.sub(b).norm1Number().doubleValue(), 0.0);
  }

  @Test
  void aBatchOfTheWrongSizeIsRefused() {
    ExperimentSpec spec = TrialFixture.spec();
    DataSplits splits = TrialFixture.data(spec);
    BatchSource source = new BatchSource(splits.train(), splits.transform(), null);
    DataSet small = new DataSet(HostArrays.reusable(4, source.data().numFeatures()), HostArrays.reusable(4, 3));
    int[] order = source.epochOrder(7, 0, false);
    assertThrows(IllegalArgumentException.class, () -> source.fillTrainingBatch(order, 0, 8, 1, small));
  }

  private interface Batches {
    DataSet get(int[] order, int from, int to);
  }

  /** Two epochs in the trainer's batch order. */
  private static MultiLayerNetwork train(ExperimentSpec spec, DataSplits splits, BatchSource source, Batches batches) {
    Nd4j.getRandom().setSeed(99); // as the trainer does: once, before the network is built
    MultiLayerNetwork net = network(spec, splits);
    for (int epoch = 0; epoch < 2; epoch++) {
      int[] order = source.epochOrder(7, epoch, true);
      for (int from = 0; from < order.length; from += BATCH) {
        int to = Math.min(order.length, from + BATCH);
        DataSet batch = batches.get(order, from, to);
        net.fit(batch);
        assertEquals(source.trainingBatch(order, from, to, from).getFeatures(), batch.getFeatures(),
            "fit must leave its input as it was");
      }
    }
    return net;
  }

  private static MultiLayerNetwork network(ExperimentSpec spec, DataSplits splits) {
    LearningRates rates = LearningRates.of(spec.train(), (splits.train().size() + BATCH - 1) / BATCH);
    MultiLayerNetwork net = new MultiLayerNetwork(ModelFactory.build(spec.model(), spec.train(),
        NetworkShape.of(splits.train()), rates.updater(), 11));
    net.init();
    return net;
  }
}
