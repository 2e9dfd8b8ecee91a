package io.troupe.driver.parallel;

import io.troupe.data.Seeds;
import io.troupe.driver.dispatch.TrialTask;
import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs before each of a data-parallel worker's steps: the first binds the task's cores (and GPU)
 * as a one-task trial does; each seeds ND4J's generator from the trial seed, the step and the
 * worker, so dropout masks are the same on every run whatever executor the worker lands on.
 */
final class WorkerSetup implements TrainingHook {
  private static final long serialVersionUID = 1L;

  private final long trialSeed;
  private final int workers;
  private transient boolean bound;

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
      bound = true;
    }
    TaskContext task = TaskContext.get();
    int worker = task == null ? 0 : task.partitionId();
    long step = model instanceof MultiLayerNetwork m ? m.getIterationCount()
        : model instanceof ComputationGraph g ? g.getIterationCount() : 0;
    Nd4j.getRandom().setSeed(Seeds.derive(trialSeed, step * workers + worker));
  }
}
