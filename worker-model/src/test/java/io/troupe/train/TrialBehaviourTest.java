package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.bootstrap.DataShard;
import io.troupe.trial.Diagnosis;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialStatus;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrialBehaviourTest {
  @TempDir Path dir;

  @Test
  void zeroInitialisationLeavesHiddenUnitsIdentical() throws Exception {
    // The seeds' degenerate case: with equal initial weights every hidden unit gets the same
    // gradient, so all of them stay copies of one another however long they train.
    TrialFixture.completed(dir, "model.init=zero", "model.activation=sigmoid", "model.hidden=[6]",
        "train.optimizer.type=sgd", "train.optimizer.lr=0.5");
    MultiLayerNetwork net = (MultiLayerNetwork) ModelArtifacts.load(new LocalArtifactStore(dir), "t1/model.zip", false);
    INDArray w = net.getLayer(0).getParam("W"); // [inputs, hidden]
    assertTrue(w.norm2Number().doubleValue() > 1e-4, "weights never moved, so the test would prove nothing");
    for (int unit = 1; unit < w.columns(); unit++) {
      assertTrue(w.getColumn(unit).equalsWithEps(w.getColumn(0), 1e-6), "hidden unit " + unit + " differs");
    }
  }

  @Test
  void aHugeLearningRateIsCaughtAsDivergedInTheFirstEpoch() {
    TrialResult r = TrialFixture.run(dir, "train.optimizer.type=sgd", "train.optimizer.lr=10", "model.activation=relu",
        "model.init=normal");
    TrialResult.Diverged d = assertInstanceOf(TrialResult.Diverged.class, r, TrialFixture.describe(r));
    assertEquals(1, d.at().epoch());
    assertTrue(!Double.isFinite(d.at().loss()) || d.at().loss() > 3 * d.at().initialLoss(), d.at().toString());
    assertEquals(Diagnosis.LearningRateVerdict.DIVERGED, r.info().diagnosis().learningRate());
    assertEquals(TrialStatus.DIVERGED, r.status());
  }

  @Test
  void theSameSpecGivesIdenticalMetricsTwice() {
    TrialResult.Completed a = TrialFixture.completed(dir.resolve("a"), "model.dropout=0.2", "train.gradientNoise.eta=0.01");
    TrialResult.Completed b = TrialFixture.completed(dir.resolve("b"), "model.dropout=0.2", "train.gradientNoise.eta=0.01");
    assertEquals(a.info().metrics().entrySet().stream().filter(e -> !e.getKey().equals("samples_per_second")).toList(),
        b.info().metrics().entrySet().stream().filter(e -> !e.getKey().equals("samples_per_second")).toList());
    assertArrayEquals(a.test().toArray(), b.test().toArray());
    assertEquals(a.info().history().get(2).trainLoss(), b.info().history().get(2).trainLoss());
  }

  @Test
  void aDifferentSeedGivesADifferentTrial() {
    TrialResult.Completed a = TrialFixture.completed(dir.resolve("a"));
    TrialResult.Completed b = TrialFixture.completed(dir.resolve("b"), "seed=6");
    assertNotEquals(a.info().metrics().get("val_loss"), b.info().metrics().get("val_loss"));
  }

  @Test
  void aBaggingMemberReportsItsOutOfBagRowsAndAccuracy() {
    ExperimentSpec spec = TrialFixture.spec();
    TrialSpec trial = TrialSpec.of(spec, "bag-1", Map.of()).withBootstrap(99);
    TrialResult r = new TrialRunner(new LocalArtifactStore(dir), TrialProgress.SILENT).run(trial, TrialFixture.data(spec));
    TrialResult.Completed c = assertInstanceOf(TrialResult.Completed.class, r, TrialFixture.describe(r));
    int trainSize = TrialFixture.data(spec).train().size();
    double oobShare = c.outOfBag().length / (double) trainSize;
    assertTrue(oobShare > 0.30 && oobShare < 0.44, "out-of-bag share " + oobShare + " should be near 1/e");
    assertTrue(c.info().metrics().get("oob_accuracy") > 0.7, c.info().metrics().toString());
  }

  @Test
  void aShardMemberTrainsOnItsShardAlone() {
    ExperimentSpec spec = TrialFixture.spec();
    int trainSize = TrialFixture.data(spec).train().size();
    DataShard shard = new DataShard(1, 3, 5);
    TrialResult r = new TrialRunner(new LocalArtifactStore(dir), TrialProgress.SILENT)
        .run(TrialSpec.of(spec, "shard-02", Map.of()).withShard(shard), TrialFixture.data(spec));
    TrialResult.Completed c = assertInstanceOf(TrialResult.Completed.class, r, TrialFixture.describe(r));
    assertEquals(shard.rows(trainSize).length, c.info().metrics().get("train_rows").doubleValue());
    assertEquals(trainSize, TrialFixture.completed(dir.resolve("whole")).info().metrics().get("train_rows").doubleValue());
    assertTrue(c.info().metrics().get("val_accuracy") > 0.5, c.info().metrics().toString());
  }

  @Test
  void snapshotsAreTakenAtEachCycleEnd() {
    // 540 training rows in batches of 30: 18 iterations per epoch, 9 per 0.5-epoch cycle;
    // 3 epochs are 6 whole cycles, so 6 cycle ends and 6 snapshots.
    TrialResult.Completed r = TrialFixture.completed(dir, "train.batchSize=30", "train.schedule.type=cyclic-cosine",
        "train.schedule.cycleEpochs=0.5", "train.snapshots.mode=cycle-ends");
    long snapshots = r.info().artifacts().keySet().stream().filter(k -> k.startsWith("snapshot-")).count();
    assertEquals(6, snapshots, r.info().artifacts().toString());
  }

  @Test
  void aWholeNumberOfCyclesEndsAtTheFinalIterationSoEveryCycleYieldsASnapshot() throws Exception {
    // 51 iterations after epoch 1.0 (17) leave 34 for 7 cycles: 4 iterations each would leave 6
    // over, so cycling starts 6 iterations later and the 7th cycle ends on the last iteration.
    TrialResult.Completed r = TrialFixture.completed(dir, "train.schedule.type=cyclic-cosine",
        "train.schedule.cycles=7", "train.schedule.cycleStartEpoch=1.0", "train.snapshots.mode=cycle-ends");
    assertLastOfCountIsTheFinalModel(r, 7);
  }

  @Test
  void evenlySpreadSnapshotsEndWithTheFinalModel() throws Exception {
    TrialResult.Completed r = TrialFixture.completed(dir, "train.snapshots.mode=evenly", "train.snapshots.count=4",
        "train.snapshots.startEpoch=1.5");
    assertLastOfCountIsTheFinalModel(r, 4);
  }

  private void assertLastOfCountIsTheFinalModel(TrialResult.Completed r, int count) throws Exception {
    var snapshots = r.info().artifacts().keySet().stream().filter(k -> k.startsWith("snapshot-")).sorted().toList();
    assertEquals(count, snapshots.size(), snapshots.toString());
    LocalArtifactStore store = new LocalArtifactStore(dir);
    INDArray last = ModelArtifacts.load(store, r.info().artifacts().get(snapshots.get(count - 1)), false).params();
    INDArray before = ModelArtifacts.load(store, r.info().artifacts().get(snapshots.get(count - 2)), false).params();
    INDArray model = ModelArtifacts.load(store, r.info().artifacts().get("model"), false).params();
    assertEquals(model, last, "the last snapshot is the final model");
    assertNotEquals(model, before);
  }

  @Test
  void snapshotsEveryKIterationsKeepOnlyTheNewest() {
    // 600 x 0.9 = 540 training rows, batch 32: 17 iterations/epoch, 51 in all; every 10 -> 5, keep 2.
    TrialResult.Completed r = TrialFixture.completed(dir, "train.snapshots.mode=every-iterations",
        "train.snapshots.everyIterations=10", "train.snapshots.keep=2");
    assertEquals(java.util.Set.of("snapshot-004", "snapshot-005"),
        r.info().artifacts().keySet().stream().filter(k -> k.startsWith("snapshot-")).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void swaAndEmaAveragesAreScoredAndStored() {
    TrialResult.Completed r = TrialFixture.completed(dir, "train.averaging.swaStartEpoch=1",
        "train.averaging.emaDecay=0.9", "model.batchNorm=true");
    Map<String, Double> m = r.info().metrics();
    assertTrue(m.get("swa_val_accuracy") > 0.7 && m.get("ema_val_accuracy") > 0.7, m.toString());
    assertTrue(r.info().artifacts().containsKey("swa") && r.info().artifacts().containsKey("ema"));
  }

  @Test
  void aBrokenTrialIsAFailedValueNotAnException() {
    TrialSpec broken = new TrialSpec("bad", "train: {epochs: 0}", 1, Map.of(), null, null, null, null);
    TrialResult r = new TrialRunner(new LocalArtifactStore(dir), TrialProgress.SILENT)
        .run(broken, TrialFixture.data(TrialFixture.spec()));
    TrialResult.Failed f = assertInstanceOf(TrialResult.Failed.class, r);
    assertEquals("io.troupe.InvalidInputException", f.exceptionClass());
    assertTrue(f.message().contains("train.epochs: must be >= 1"), f.message());
  }

  @Test
  void everyEpochRecordsTheDiagnostics() {
    TrialResult.Completed r = TrialFixture.completed(dir, "model.hidden=[16, 8]");
    var epoch = r.info().history().get(0);
    assertEquals(3, epoch.layers().size());
    assertTrue(epoch.gradientNorm() > 0);
    var hidden = epoch.layers().get(0);
    assertTrue(hidden.updateRatio() > 0 && hidden.updateRatio() < 1, hidden.toString());
    assertTrue(hidden.activationStd() > 0, hidden.toString());
    assertTrue(hidden.saturatedFraction() >= 0 && hidden.saturatedFraction() <= 1, hidden.toString());
    assertFalse(r.info().provenance().backend().isEmpty());
    assertEquals(TrialFixture.data(TrialFixture.spec()).sourceFingerprint(), r.info().provenance().dataFingerprint());
  }

  @Test
  void monitoringCanBeSwitchedOff() {
    TrialResult.Completed r = TrialFixture.completed(dir, "train.monitor.enabled=false");
    assertTrue(r.info().history().get(0).layers().isEmpty());
    assertTrue(Double.isNaN(r.info().history().get(0).gradientNorm()));
  }
}
