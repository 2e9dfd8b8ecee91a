package io.troupe.driver.store;

import io.troupe.trial.TrialsFile;
import org.apache.spark.sql.SparkSession;

/** {@code trials.parquet}: a Parquet copy of a run's trials.jsonl through Spark SQL, for analysis tools. */
public final class TrialsParquet {
  public static final String NAME = "trials.parquet";

  private TrialsParquet() {}

  /** Rewrites {@code <run>/trials.parquet} from {@code <run>/trials.jsonl}. */
  public static void write(SparkSession spark, String runLocation) {
    spark.read().json(runLocation + "/" + TrialsFile.NAME).write().mode("overwrite")
        .parquet(runLocation + "/" + NAME);
  }
}
