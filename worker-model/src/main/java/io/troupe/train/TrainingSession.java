package io.troupe.train;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.ScheduleType;
import io.troupe.config.TrainSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.data.bootstrap.BootstrapSample;
import io.troupe.eval.Predictions;
import io.troupe.model.ModelFile;
import io.troupe.model.NativeBackend;
import io.troupe.model.Network;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.train.dl4j.ConvolutionCache;
import io.troupe.train.dl4j.GradientNoiseListener;
import io.troupe.train.dl4j.MaxPoolingLayer;
import io.troupe.train.dl4j.MinibatchDivisionInBlocks;
import io.troupe.train.dl4j.OneDnnBatchNormHelper;
import io.troupe.train.dl4j.PreActivationCachingDenseLayer;
import io.troupe.train.dl4j.PreActivationSharingOutputLayer;
import io.troupe.train.dl4j.ReluActivationLayer;
import io.troupe.train.dl4j.ShapeInfoCache;
import io.troupe.train.dl4j.VectorizedAdam;
import io.troupe.train.dl4j.ViewCachingUpdaterBlock;
import io.troupe.train.monitor.UpdateRatioMonitor;
import io.troupe.trial.DivergencePoint;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trial's training, start to end: builds the network, runs the epochs with the seeded batch
 * order, watches every mini-batch loss for divergence, records per-epoch diagnostics, keeps
 * snapshots and weight averages, and scores the final model (and its SWA/EMA averages).
 */
final class TrainingSession {
  private static final long DATA_STREAM = 11;

  private final TrialSpec trial;
  private final ExperimentSpec spec;
  private final TrainSpec train;
  private final ArtifactStore store;
  private final TrialProgress progress;
  private final TrialSources sources;
  private final ReusedBatches batches;
  private final LearningRates rates;
  private final Network net;
  private final UpdateRatioMonitor monitor;
  private final DivergenceGuard guard;
  private final WeightAverages averages;
  private final SnapshotTaker snapshots;
  private final PlateauTracker plateau;
  private final EarlyStopper stopper;
  /** Non-null for a data-parallel trial: epochs are fitted across executors. */
  private final EpochFitter fitter;
  private int stoppedAt = -1;
  private int restoredEpoch = -1;
  private final List<EpochStats> history = new ArrayList<>();
  private final Map<String, String> artifacts = new LinkedHashMap<>();
  private long iteration;
  private final int firstEpoch;
  private final int lastEpoch;
  private double epochLossSum;
  private int epochBatches;

  TrainingSession(TrialSpec trial, ExperimentSpec spec, DataSplits splits, ArtifactStore store, TrialProgress progress,
      EpochFitter fitter) {
    if (splits.partitioned() != null && fitter == null) {
      // The driver holds only the first training rows; training on them alone would be silently wrong.
      throw new IllegalStateException("trial " + trial.trialId() + " would train in one task, but its training"
          + " rows are partitioned across the executors (data.source spark, data-parallel): only a data-parallel"
          + " trial can train on them");
    }
    this.trial = trial;
    this.fitter = fitter;
    this.spec = spec;
    this.train = spec.train();
    this.store = store;
    this.progress = progress;
    // Dropout masks and any ND4J-side randomness: seeded per trial (ND4J's generator is per thread).
    Nd4j.getRandom().setSeed(trial.seed());
    // ND4J's periodic System.gc() stops every trial in the JVM at once; off-heap memory is still
    // reclaimed by ordinary GC and javacpp's own limits. (Process-wide, so set by every trial.)
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    this.sources = TrialSources.of(splits, trial, spec);
    this.batches = new ReusedBatches(sources.train());
    int iterationsPerEpoch = fitter != null ? fitter.iterationsPerEpoch()
        : (sources.train().size() + train.batchSize() - 1) / train.batchSize();
    this.rates = LearningRates.of(train, iterationsPerEpoch);
    NetworkShape shape = NetworkShape.of(splits.train());
    ModelFile file = spec.model().file() == null ? ModelFile.NONE : ModelFile.staged(store);
    Network built = Networks.build(spec, shape, rates.updater(), trial.seed(), file);
    // On the built network, before a continuation gives it an updater (whose blocks would hold the
    // layers they were made with): a resumed trial (Hyperband's rungs, PBT's members) trains as fast.
    installTrainingLayers(built);
    this.net = trial.resumeFrom() == null ? built
        : Continuation.of(restore(store, trial.resumeFrom(), built.layout()), built, store.describe(trial.resumeFrom()));
    // A resumed network continues its own count, so batch order, augmentation and schedule pick up
    // where the checkpoint left them.
    this.firstEpoch = net.epochCount();
    this.iteration = net.iterationCount();
    this.lastEpoch = trial.stopAtEpoch() == null ? train.epochs() : Math.min(train.epochs(), trial.stopAtEpoch());
    // A data-parallel trial's steps run on the workers, where no driver-side listener sees them.
    this.monitor = train.monitor().enabled() && fitter == null
        ? new UpdateRatioMonitor(train.monitor().everyIterations(), ModelLayers.weightKeys(net)) : null;
    ConvolutionCache.enable(net.model());
    net.setListeners(listeners());
    ViewCachingUpdaterBlock.install(net.updater());
    VectorizedAdam.install(net.updater());
    if (net.model() instanceof MultiLayerNetwork stack) {
      MinibatchDivisionInBlocks.install(stack);
    }
    ShapeInfoCache.install();
    NativeBackend.settleDropoutHelpers(net.model());
    OneDnnBatchNormHelper.install(net.model());
    this.guard = trial.resumeFrom() != null
        ? new DivergenceGuard(train.divergence(), readInitialLoss(store, trial.resumeFrom()))
        : spec.model().type() == io.troupe.config.ModelType.DL4J_ZIP
            ? new DivergenceGuard(train.divergence(), Double.NaN, chanceLoss(splits))
            : new DivergenceGuard(train.divergence());
    this.averages = new WeightAverages(train.averaging());
    this.snapshots = new SnapshotTaker(train.snapshots(), rates.epochSchedule(),
        (long) train.epochs() * iterationsPerEpoch, iterationsPerEpoch, store, trial.trialId());
    this.plateau = train.schedule().type() == ScheduleType.PLATEAU ? new PlateauTracker(train) : null;
    this.stopper = train.earlyStopping().enabled() ? new EarlyStopper(train.earlyStopping(), spec.objectiveMetric()) : null;
    if (stopper != null && trial.resumeFrom() != null) {
      StoppingCarry.read(store, trial.resumeFrom()).ifPresent(stopper::resume);
    }
  }

  /**
   * Troupe's training layers in place of DL4J's where they apply (the same numbers, faster): before
   * listeners and the updater bind to the layers.
   */
  private static void installTrainingLayers(Network network) {
    if (network.model() instanceof MultiLayerNetwork stack) {
      PreActivationCachingDenseLayer.install(stack);
      ReluActivationLayer.install(stack);
      MaxPoolingLayer.install(stack);
      PreActivationSharingOutputLayer.install(stack);
    }
  }

  private List<TrainingListener> listeners() {
    List<TrainingListener> listeners = new ArrayList<>();
    if (monitor != null) {
      listeners.add(monitor); // first: it measures the raw gradient, before noise is added
    }
    if (train.gradientNoise().eta() > 0) {
      listeners.add(new GradientNoiseListener(train.gradientNoise().eta(), train.gradientNoise().gamma(),
          trial.seed() ^ 0x5DEECE66DL));
    }
    return listeners;
  }

  /**
   * Trains all epochs, or until early stopping says so (then the best epoch's weights are back);
   * returns the divergence point if the guard fired.
   */
  Optional<DivergencePoint> train() {
    for (int epoch = firstEpoch; epoch < lastEpoch; epoch++) {
      long start = System.nanoTime();
      Optional<DivergencePoint> diverged = trainEpoch(epoch);
      if (diverged.isPresent()) {
        return diverged;
      }
      endEpoch(epoch, (System.nanoTime() - start) / 1e9);
      boolean patienceRanOut = stopper != null && stopper.afterEpoch(history.get(history.size() - 1), net);
      if (patienceRanOut || (plateau != null && plateau.exhausted())) {
        stoppedAt = epoch + 1;
        break;
      }
    }
    if (stopper != null && !history.isEmpty()) {
      int last = history.get(history.size() - 1).epoch();
      if (continuable() && stopper.wouldRestore(last)) {
        // The next rung trains on from the last epoch, as an uninterrupted run would; the model is the best epoch.
        String checkpoint = ArtifactRole.CHECKPOINT.key(trial.trialId());
        save(checkpoint, net, true);
        artifacts.put(ArtifactRole.CHECKPOINT.entry(), checkpoint);
      }
      restoredEpoch = stopper.restoreBest(net, last, this::paramsOf);
    }
    return Optional.empty();
  }

  /** A segment (an ASHA rung) that ran to its end short of train.epochs: a later rung may continue it. */
  private boolean continuable() {
    return trial.stopAtEpoch() != null && stoppedAt < 0 && lastEpoch < train.epochs();
  }

  private INDArray paramsOf(String modelKey) {
    try {
      return ModelArtifacts.load(store, modelKey, false).params();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the best epoch's weights from " + store.describe(modelKey), e);
    }
  }

  /** The 1-based epoch after which early stopping ended the trial, or -1 when it ran all its epochs. */
  int stoppedAt() {
    return stoppedAt;
  }

  /** The 1-based epoch whose weights early stopping restored, or -1 when the last epoch's stand. */
  int restoredEpoch() {
    return restoredEpoch;
  }

  /** With early stopping, the 1-based epoch with the best watched metric; -1 without it. */
  int bestEpoch() {
    return stopper == null ? -1 : stopper.bestEpoch();
  }

  /** The training loss and accuracy of the epoch whose weights the trial ends with. */
  double[] keptTrainFigures() {
    if (restoredEpoch > 0) {
      return new double[] {stopper.bestTrainLoss(), stopper.bestTrainAccuracy()};
    }
    EpochStats last = history.get(history.size() - 1);
    return new double[] {last.trainLoss(), last.trainAccuracy()};
  }

  private Optional<DivergencePoint> trainEpoch(int epoch) {
    if (fitter != null) {
      return fitRemotely(epoch);
    }
    int[] order = sources.train().epochOrder(trial.seed(), epoch, train.shuffle());
    epochLossSum = 0;
    epochBatches = 0;
    if (monitor != null) {
      monitor.reset();
    }
    for (int from = 0; from < order.length; from += train.batchSize()) {
      int to = Math.min(order.length, from + train.batchSize());
      DataSet batch = batches.batch(order, from, to, trial.seed() + iteration);
      net.fit(batch);
      double loss = net.score();
      Optional<DivergencePoint> diverged = guard.check(loss, epoch + 1, iteration);
      if (diverged.isPresent()) {
        return diverged;
      }
      epochLossSum += loss;
      epochBatches++;
      averages.afterIteration(net);
      snapshots.afterIteration(net, iteration);
      iteration++;
    }
    return Optional.empty();
  }

  /**
   * One epoch across executors: the guard sees the loss after each averaging round (the workers'
   * own mini-batch losses stay on the workers), and the epoch's training loss is their mean.
   */
  private Optional<DivergencePoint> fitRemotely(int epoch) {
    EpochFitter.FittedEpoch fitted = fitter.fitEpoch(net, epoch, iteration);
    epochLossSum = 0;
    epochBatches = 0;
    for (int round = 0; round < fitted.roundLosses().length; round++) {
      double loss = fitted.roundLosses()[round];
      Optional<DivergencePoint> diverged = guard.check(loss, epoch + 1, iteration);
      if (diverged.isPresent()) {
        return diverged;
      }
      epochLossSum += loss;
      epochBatches++;
      iteration += fitted.roundSteps()[round];
    }
    return Optional.empty();
  }

  private void endEpoch(int epoch, double trainSeconds) {
    averages.afterEpoch(net, epoch);
    Scores val = Scores.of(Evaluator.predict(net, sources.validation()), sources.validation().data());
    Scores trainEval = Scores.of(Evaluator.predict(net, sources.trainEval()), sources.trainEval().data());
    double lr = plateau != null ? plateau.learningRate() : rates.valueAt(Math.max(0, iteration - 1));
    EpochStats stats = new EpochStats(epoch + 1, epochLossSum / epochBatches, trainEval.loss(),
        trainEval.accuracy(), val.loss(), val.accuracy(), lr,
        monitor == null ? Double.NaN : monitor.meanGradientNorm(),
        monitor == null ? List.of() : ModelLayers.stats(net, monitor, sources.probe()), trainSeconds);
    history.add(stats);
    net.incrementEpochCount();
    if (plateau != null) {
      plateau.afterEpoch(val.loss(), net);
    }
    progress.onEpoch(trial.trialId(), stats, lastEpoch);
  }

  private static Network restore(ArtifactStore store, String key, io.troupe.api.InputLayout layout) {
    try {
      return ModelArtifacts.load(store, key, layout, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume from " + store.describe(key), e);
    }
  }

  /** Beside a checkpoint: the run's first loss, which the guard of a continuation keeps as its reference. */
  private static String initialLossKey(String modelKey) {
    return modelKey + ".initial-loss";
  }

  /** ln C for C classes: the loss of a network that knows nothing; 0 (no floor) for regression. */
  private static double chanceLoss(DataSplits splits) {
    return splits.train().task() == io.troupe.data.Task.CLASSIFICATION ? Math.log(splits.train().numClasses()) : 0;
  }

  private static double readInitialLoss(ArtifactStore store, String modelKey) {
    try (var in = store.open(initialLossKey(modelKey))) {
      return Double.parseDouble(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      return Double.NaN; // a checkpoint from before this was saved: the guard starts from its first loss
    }
  }

  /** The data-parallel fitter, or null for a one-task trial. */
  EpochFitter fitter() {
    return fitter;
  }

  Network network() {
    return net;
  }

  TrialSources sources() {
    return sources;
  }

  List<EpochStats> history() {
    return history;
  }

  double initialLoss() {
    return guard.initialLoss();
  }

  long iterations() {
    return iteration;
  }

  WeightAverages averages() {
    return averages;
  }

  Map<String, String> artifacts() {
    Map<String, String> all = new LinkedHashMap<>(artifacts);
    all.putAll(snapshots.artifacts());
    return all;
  }

  /** Saves the final model (with updater state, so a promoted trial can continue) and returns its key. */
  String saveModel() {
    String key = ArtifactRole.MODEL.key(trial.trialId());
    save(key, net, true);
    if (trial.stopAtEpoch() != null) {
      // Only a segment (an ASHA rung) is continued; any other trial would pay an object-store write for nothing.
      byte[] initial = Double.toString(guard.initialLoss()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String continued = continuationKey();
      try {
        store.write(initialLossKey(continued), out -> out.write(initial));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + store.describe(initialLossKey(continued)), e);
      }
    }
    artifacts.put(ArtifactRole.MODEL.entry(), key);
    if (stopper != null && trial.stopAtEpoch() != null) {
      stopper.carry(key).write(store, continuationKey());
    }
    return key;
  }

  /** What a later rung continues: the last-epoch checkpoint when early stopping restored another epoch, else the model. */
  private String continuationKey() {
    return artifacts.getOrDefault(ArtifactRole.CHECKPOINT.entry(), ArtifactRole.MODEL.key(trial.trialId()));
  }

  /** A copy of the network with {@code params} and batch-norm statistics re-estimated on the training part. */
  Network withParams(INDArray params) {
    Network copy = net.copy();
    copy.setParams(params);
    BatchNormRefresher.refresh(copy, sources.train());
    return copy;
  }

  void saveAveraged(ArtifactRole role, Network averaged) {
    String key = role.key(trial.trialId());
    save(key, averaged, false);
    artifacts.put(role.entry(), key);
  }

  /** Writes predictions (compact binary, see Predictions#writeTo) and records the key under {@code role}. */
  void savePredictions(ArtifactRole role, Predictions predictions) {
    String key = role.key(trial.trialId());
    try {
      store.write(key, predictions::writeTo);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + store.describe(key), e);
    }
    artifacts.put(role.entry(), key);
  }

  private void save(String key, Network model, boolean withUpdater) {
    try {
      ModelArtifacts.save(store, key, model, withUpdater);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + store.describe(key), e);
    }
  }

  /** The bootstrap sample's out-of-bag rows, or null when this is not a bagging member. */
  int[] outOfBag() {
    return sources.outOfBag();
  }

  /** Validation and test predictions of a network. */
  Predictions[] predict(Network model) {
    return new Predictions[] {Evaluator.predict(model, sources.validation()), Evaluator.predict(model, sources.test())};
  }
}
