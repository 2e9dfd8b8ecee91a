package io.troupe.driver.dispatch;

import io.troupe.data.DataSplits;
import io.troupe.driver.store.RunStores;
import io.troupe.train.TrialProgress;
import io.troupe.train.TrialRunner;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What one Spark task does: read the broadcast data (shipped once per executor and shared by its
 * tasks), size ND4J's thread pool to the task's cores, bind the GPU Spark assigned (if any), and
 * run the trial, writing its artifacts to the run's store (a local directory or any Hadoop file
 * system, configured from the executor's spark.hadoop.* settings). The result, a value even when the trial failed, goes back to the driver.
 */
public final class TrialTask implements Function<TrialSpec, TrialResult> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<DataSplits> data;
  private final String artifactRoot;

  TrialTask(Broadcast<DataSplits> data, String artifactRoot) {
    this.data = data;
    this.artifactRoot = artifactRoot;
  }

  /**
   * Sizes ND4J's thread pool to the running task's cores (one trial per task: it must not
   * oversubscribe them) and binds the GPU Spark assigned it, if any. A no-op outside a task.
   */
  public static void bindTaskResources() {
    TaskContext task = TaskContext.get();
    if (task != null) {
      Nd4j.getEnvironment().setMaxMasterThreads(task.cpus());
      Optional<Integer> gpu = GpuAssignment.device(task.resourcesJMap());
      gpu.ifPresent(device -> Nd4j.getAffinityManager().unsafeSetDevice(device));
    }
  }

  @Override
  public TrialResult call(TrialSpec trial) {
    bindTaskResources();
    return new TrialRunner(RunStores.onExecutor(artifactRoot), TrialProgress.SILENT)
        .run(trial, data.value());
  }
}
