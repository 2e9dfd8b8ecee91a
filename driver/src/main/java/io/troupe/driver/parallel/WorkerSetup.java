package io.troupe.driver.parallel;

import io.troupe.data.Seeds;
import io.troupe.driver.dispatch.TrialTask;
import io.troupe.train.dl4j.ShapeInfoCache;
import io.troupe.train.dl4j.VectorizedAdam;
import io.troupe.train.dl4j.ViewCachingUpdaterBlock;
import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs before each of a data-parallel worker's steps. The first binds the task's cores (and GPU)
 * as a one-task trial does. The first on each round's network (the master builds a fresh one per
 * round) gives it the trainer's own speed-ups, which a one-task trial has: the vectorised Adam,
 * the cached updater views and shape infos, no periodic System.gc(). Each seeds ND4J's generator
 * from the trial seed, the step and the worker, so dropout masks are the same on every run
 * whatever executor the worker lands on.
 */
final class WorkerSetup implements TrainingHook {
  private static final long serialVersionUID = 1L;

  private final long trialSeed;
  private final int workers;
  private transient boolean bound;
  private transient Model spedUp;

  WorkerSetup(long trialSeed, int workers) {
    this.trialSeed = trialSeed;
    this.workers = workers;
  }

  @Override
  public void preUpdate(DataSet minibatch, Model model) {
    beforeStep(model);
  }

  @Override
  public void preUpdate(MultiDataSet minibatch, Model model) {
    beforeStep(model);
  }

  @Override
  public void postUpdate(DataSet minibatch, Model model) {}

  @Override
  public void postUpdate(MultiDataSet minibatch, Model model) {}

  private void beforeStep(Model model) {
    if (!bound) {
      TrialTask.bindTaskResources();
      Nd4j.getMemoryManager().togglePeriodicGc(false);
      ShapeInfoCache.install();
      bound = true;
    }
    if (model != spedUp) {
      BaseMultiLayerUpdater<?> updater = model instanceof MultiLayerNetwork m
          ? (BaseMultiLayerUpdater<?>) m.getUpdater(true) : ((ComputationGraph) model).getUpdater(true);
      ViewCachingUpdaterBlock.install(updater);
      VectorizedAdam.install(updater);
      spedUp = model;
    }
    TaskContext task = TaskContext.get();
    int worker = task == null ? 0 : task.partitionId();
    long step = model instanceof MultiLayerNetwork m ? m.getIterationCount()
        : model instanceof ComputationGraph g ? g.getIterationCount() : 0;
    Nd4j.getRandom().setSeed(Seeds.derive(trialSeed, step * workers + worker));
  }
}
