package io.troupe.driver.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A trial whose task dies is retried by Spark and still comes back, and only a trial that fails
 * every attempt becomes a FAILED value, without stopping the others. local[2,3] gives each task 3
 * attempts, as spark.task.maxFailures does on a cluster, where losing an executor fails its tasks.
 */
class TaskRetryTest {
  private static SparkSession spark;
  private static ExperimentSpec spec;
  private static DataSplits splits;

  @BeforeAll
  static void start() {
    spec = ConfigLoader.parse("data: {source: synthetic, synthetic: {trainSize: 50, testSize: 10}}\n"
        + "spark: {conf: {spark.ui.enabled: \"false\"}}", "t.yaml", "retry", List.of());
    splits = DataLoader.load(spec.data(), spec.dataSeed());
    spark = SparkSessions.start(spec, "local[2,3]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Dies on its first attempt (like a lost executor) unless the trial id says "doomed": then always. */
  static final class DiesOnce implements Function<TrialSpec, TrialResult> {
    private final NoOpTrialTask inner;

    DiesOnce(Broadcast<DataSplits> data) {
      this.inner = new NoOpTrialTask(data);
    }

    @Override
    public TrialResult call(TrialSpec trial) throws Exception {
      int attempt = TaskContext.get().attemptNumber();
      if (attempt == 0 || trial.trialId().startsWith("doomed")) {
        throw new IllegalStateException("simulated executor loss on attempt " + attempt);
      }
      return inner.call(trial);
    }
  }

  @Test
  void aDeadTaskIsRetriedAndAHopelessOneIsAFailedValue() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try (TrialDispatcher dispatcher = new TrialDispatcher(jsc, splits, 2, DiesOnce::new)) {
      dispatcher.submit(TrialSpec.of(spec, "retried", Map.of()));
      dispatcher.submit(TrialSpec.of(spec, "doomed", Map.of()));
      TrialResult first = dispatcher.next();
      TrialResult second = dispatcher.next();
      TrialResult retried = first.info().trialId().equals("retried") ? first : second;
      TrialResult doomed = first == retried ? second : first;
      assertInstanceOf(TrialResult.Completed.class, retried, "retried after its first attempt died");
      TrialResult.Failed failed = assertInstanceOf(TrialResult.Failed.class, doomed);
      assertTrue(failed.message().contains("simulated executor loss"), failed.message());
      assertEquals(0, dispatcher.inFlight());
    }
  }
}
