package io.troupe.driver.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A one-task job computes its function in a task and fails as Spark's own jobs fail. */
class OneTaskJobTest {
  private static JavaSparkContext spark;

  @BeforeAll
  static void start() {
    spark = new JavaSparkContext(new SparkConf().setMaster("local[1]").setAppName("one-task-job")
        .set("spark.ui.enabled", "false"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void theFunctionRunsOnTheValueInATaskOfItsOwnJob() {
    String first = OneTaskJob.run(spark, "trial-7", v -> v + " in stage " + TaskContext.get().stageId());
    String second = OneTaskJob.run(spark, "trial-8", v -> v + " in stage " + TaskContext.get().stageId());
    assertTrue(first.startsWith("trial-7 in stage "), first);
    assertTrue(second.startsWith("trial-8 in stage "), second);
    assertNotEquals(first.substring(8), second.substring(8), "a job each: " + first + ", " + second);
  }

  @Test
  void whatTheTaskThrowsFailsTheJobWithItsMessage() {
    SparkException e = assertThrows(SparkException.class, () -> OneTaskJob.run(spark, 3, v -> {
      throw new java.io.IOException("no checkpoint for trial " + v);
    }));
    assertTrue(e.getMessage().contains("java.io.IOException: no checkpoint for trial 3"), e.getMessage());
  }

  @Test
  void aFunctionThatDoesNotSerializeFailsAsTaskNotSerializable() {
    Object local = new Object(); // not Serializable, captured by the function
    SparkException e = assertThrows(SparkException.class, () -> OneTaskJob.run(spark, 1, v -> local.hashCode() + v));
    assertTrue(e.getMessage().contains("Task not serializable"), e.getMessage());
    assertEquals(Integer.valueOf(2), OneTaskJob.run(spark, 1, v -> v + 1), "the context still runs jobs after it");
  }
}
