package io.troupe.driver.ensemble;

import io.troupe.data.DataSplits;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.dispatch.TrialTask;
import io.troupe.eval.Predictions;
import io.troupe.train.BatchSource;
import io.troupe.train.Evaluator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import io.troupe.api.InputLayout;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.model.Network;
import scala.Tuple2;

/**
 * Scores one saved model on the test part across many tasks (mapPartitions over row chunks):
 * the model's bytes are broadcast once, each partition restores it once and scores its chunks,
 * and the driver assembles the rows. Chunks are the ones {@link Evaluator#predict} uses, so the
 * numbers are identical, bit for bit, to scoring the whole test part in one task.
 */
final class DistributedScorer {
  private DistributedScorer() {}

  static Predictions scoreTest(TrialDispatcher dispatcher, byte[] model, int partitions, InputLayout layout) {
    JavaSparkContext jsc = dispatcher.spark();
    Broadcast<DataSplits> data = dispatcher.data();
    int rows = data.value().test().size();
    List<Integer> starts = new ArrayList<>();
    for (int from = 0; from < rows; from += Evaluator.CHUNK) {
      starts.add(from);
    }
    Broadcast<byte[]> shipped = jsc.broadcast(model);
    try {
      jsc.setJobGroup("troupe-scoring", "distributed test scoring over " + partitions + " partitions", true);
      List<Tuple2<Integer, float[]>> pieces = jsc.parallelize(starts, Math.max(1, Math.min(partitions, starts.size())))
          .mapPartitions((Iterator<Integer> chunkStarts) -> scorePartition(chunkStarts, shipped.value(), data.value(), layout))
          .collect();
      return assemble(pieces, rows);
    } finally {
      shipped.destroy();
    }
  }

  private static Iterator<Tuple2<Integer, float[]>> scorePartition(Iterator<Integer> chunkStarts, byte[] model,
      DataSplits splits, InputLayout layout) throws IOException {
    TrialTask.bindTaskResources();
    Network net = Network.of(ModelArtifacts.readModel(model, false), layout);
    BatchSource test = new BatchSource(splits.test(), splits.transform(), null);
    List<Tuple2<Integer, float[]>> out = new ArrayList<>();
    while (chunkStarts.hasNext()) {
      int from = chunkStarts.next();
      out.add(new Tuple2<>(from, Evaluator.predictRows(net, test, from, Math.min(test.size(), from + Evaluator.CHUNK))));
    }
    return out.iterator();
  }

  private static Predictions assemble(List<Tuple2<Integer, float[]>> pieces, int rows) {
    if (rows == 0) {
      throw new IllegalArgumentException("the test part is empty");
    }
    int columns = pieces.get(0)._2().length / Math.min(rows - pieces.get(0)._1(), Evaluator.CHUNK);
    float[] all = new float[rows * columns];
    for (Tuple2<Integer, float[]> piece : pieces) {
      System.arraycopy(piece._2(), 0, all, piece._1() * columns, piece._2().length);
    }
    return Predictions.fromRows(all, rows, columns);
  }
}
