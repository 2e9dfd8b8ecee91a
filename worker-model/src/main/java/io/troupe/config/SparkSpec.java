package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;
import java.util.Map;

/** Where and how trials run. --master on the command line overrides master. */
@Doc("Where and how trials run. The command line's --master overrides spark.master.")
public record SparkSpec(
    @Doc("Spark master URL. null runs embedded local Spark (local[*]) unless --master is given.")
    @Default("null") String master,
    @Doc("CPU cores per trial (spark.task.cpus); also the ND4J/OpenMP threads each trial uses.")
    @Default("1") @Min(1) int taskCpus,
    @Doc("Trials in flight at once. null uses executor cores / taskCpus.")
    @Default("null") @Min(1) Integer slots,
    @Doc("Extra Spark settings passed as they are, e.g. spark.executor.memory: 4g or spark.task.resource.gpu.amount: 1.")
    @Default("{}") Map<String, String> conf,
    @Doc("Show Spark's own console progress bar (off: Troupe prints its own progress).")
    @Default("false") boolean progressBar) {

  public SparkSpec {
    conf = Map.copyOf(conf);
  }
}
