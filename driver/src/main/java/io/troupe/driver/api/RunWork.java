package io.troupe.driver.api;

import io.troupe.data.DataSplits;
import io.troupe.driver.store.RunDirectory;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;

/** Work of one's own on an experiment's run (see {@link Troupe#withRun}): the run open, the session up, the data read. */
@FunctionalInterface
public interface RunWork<T> {
  T run(RunDirectory run, SparkSession spark, DataSplits splits) throws IOException, InterruptedException;
}
