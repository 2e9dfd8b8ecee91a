package io.troupe.driver.sweep;

import io.troupe.config.ExperimentSpec;
import org.apache.spark.api.java.JavaSparkContext;

/** Tests in other packages read how many trials a sweep runs at once, and its note on too many workers. */
public final class SweepRunnerAccess {
  private SweepRunnerAccess() {}

  public static int slots(ExperimentSpec spec, JavaSparkContext jsc) {
    return SweepRunner.slots(spec, jsc);
  }

  public static java.util.Optional<String> workersNote(ExperimentSpec spec, JavaSparkContext jsc) {
    return SweepRunner.workersNote(spec, jsc);
  }
}
