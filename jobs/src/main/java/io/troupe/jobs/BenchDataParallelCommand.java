package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.DistributedSpec;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.driver.data.ExperimentData;
import io.troupe.driver.data.PartitionedTraining;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.ensemble.ShardMembers;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.ensemble.Combiners;
import io.troupe.eval.ClassificationMetrics;
import io.troupe.eval.Predictions;
import io.troupe.search.bench.Quartiles;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * One member across executors against members on shards, at equal compute, in one Spark session:
 *
 * <ol>
 *   <li>Speed: the config's trial on one executor and data-parallel over train.distributed.workers,
 *       alternated (A B B A A B) after a warm-up of each, training samples/s from each trial's own
 *       training time; the ratio of the medians, and test accuracy of both.
 *   <li>The comparison: a single member; data-parallel; shard ensembles of 2 and of 4 (each member
 *       on its own 1/M of the rows, prediction-averaged); a true ensemble of 2 (twice the compute).
 *       Test accuracy and NLL, the arm's wall time (all members, as many at once as the workers),
 *       training samples per wall second, and the bytes the arm moved while training.
 * </ol>
 *
 * <p>Every arm reads the data broadcast once for all of them, so that cost is left out of all.
 */
final class BenchDataParallelCommand implements Command {
  static final int REPEATS = 3;

  @Override
  public String name() {
    return "bench-data-parallel";
  }

  @Override
  public String summary() {
    return "one trial data-parallel across executors vs one executor, and vs shard and true ensembles at equal compute";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.SET, CliOption.MASTER, CliOption.JSON);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe bench-data-parallel conf/examples/fashion-data-parallel.yaml --master spark://127.0.0.1:7077",
        "troupe bench-data-parallel conf/examples/fashion-data-parallel.yaml --set train.distributed.averagingFrequency=50");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    Experiment experiment = Experiment.loadForSpark(args);
    ExperimentSpec parallel = experiment.spec();
    DistributedSpec d = parallel.train().distributed();
    if (!d.enabled()) {
      throw new InvalidInputException("train.distributed.mode: bench-data-parallel compares a data-parallel trial with"
          + " one-executor training; set it to data-parallel (got none)");
    }
    ExperimentSpec single = ConfigLoader.withValues(parallel, Map.of("train.distributed.mode", "none"));
    SparkSession spark = SparkSessions.start(parallel, args.master() != null ? args.master() : "local[" + d.workers() + "]");
    try {
      // A spark source: one executor and the broadcast arms read it collected; the data-parallel
      // config's own path keeps the training rows partitioned on the executors, a speed arm of its own.
      boolean sparkSource = ExperimentData.readsSpark(parallel);
      DataSplits splits = sparkSource ? ExperimentData.throughSpark(single, spark, err) : experiment.splits(spark, err);
      DataSplits partitioned = sparkSource ? ExperimentData.throughSpark(parallel, spark, err) : null;
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<DataSplits> data = jsc.broadcast(splits);
      Path scratch = Files.createTempDirectory("troupe-bench-data-parallel");
      Runner runner = new Runner(jsc, data, scratch);
      out.printf("bench-data-parallel %s on %s: %d training rows, %d epochs, batch %d, %d workers averaging every %d"
          + " batches%n", parallel.name(), spark.sparkContext().master(), splits.train().size(),
          parallel.train().epochs(), d.batchSize(parallel.train().batchSize()), d.workers(), d.averagingFrequency());

      List<SpeedArm> speedArms = new ArrayList<>();
      speedArms.add(new SpeedArm("single member, one executor", single, runner));
      speedArms.add(new SpeedArm("data-parallel, " + d.workers() + " workers", parallel, runner));
      Broadcast<DataSplits> partitionedData = null;
      if (partitioned != null) {
        partitionedData = jsc.broadcast(partitioned);
        speedArms.add(new SpeedArm("data-parallel, partitioned source", parallel,
            new Runner(jsc, partitionedData, scratch)));
      }
      // Warm-up: the executors' JIT and the data's first read, outside the timed runs.
      for (SpeedArm arm : speedArms) {
        arm.runner().run("warm-up", List.of(trial(one(arm.spec()), "warm-" + arm.runs().size())), 1);
      }
      for (int r = 0; r < REPEATS; r++) {
        // A B (C), then (C) B A: drift on a shared machine falls on every arm alike.
        List<SpeedArm> order = new ArrayList<>(speedArms);
        if (r % 2 == 1) {
          java.util.Collections.reverse(order);
        }
        for (SpeedArm arm : order) {
          arm.runs().add(arm.runner().run(arm.name(), List.of(trial(arm.spec(), "speed")), 1));
        }
      }
      SpeedArm oneExecutor = speedArms.get(0);
      out.printf("%nspeed (training samples/s of each trial's own training time, median [min, max] of %d):%n", REPEATS);
      for (SpeedArm arm : speedArms) {
        double[] rate = arm.rates();
        out.printf("  %-36s %8.0f [%.0f, %.0f]   test accuracy %.4f", arm.name() + ":", median(rate), rate[0],
            rate[REPEATS - 1], arm.runs().get(0).accuracy());
        out.println(arm == oneExecutor ? "" : String.format("   speed-up %.2fx (target >= 1.5x); accuracy %+.2f points"
            + " (target within 1)", median(rate) / median(oneExecutor.rates()),
            100 * (arm.runs().get(0).accuracy() - oneExecutor.runs().get(0).accuracy())));
      }
      double[] oneRate = oneExecutor.rates();
      double[] parallelRate = speedArms.get(1).rates();
      double speedup = median(parallelRate) / median(oneRate);

      List<Arm> table = new ArrayList<>();
      speedArms.forEach(arm -> table.add(arm.runs().get(0)));
      table.add(runner.run("shards of 2", ShardMembers.of(single, 2, "shard", null), d.workers()));
      table.add(runner.run("shards of 4", ShardMembers.of(single, 4, "shard", null), d.workers()));
      table.add(runner.run("true ensemble of 2", List.of(trial(single, "member-01"), trial(single, "member-02")),
          d.workers()));
      out.printf("%n| row | members | compute (epochs of the data) | test accuracy | test NLL | wall s | training samples/s"
          + " | MB moved while training |%n|---|---:|---:|---:|---:|---:|---:|---:|%n");
      for (Arm arm : table) {
        out.printf("| %s | %d | %.0f | %.4f | %.4f | %.1f | %.0f | %.1f |%n", arm.name(), arm.results().size(),
            arm.computeEpochs(splits.train().size()), arm.accuracy(), arm.nll(), arm.wallSeconds(),
            arm.samples() / arm.wallSeconds(), arm.bytesMoved() / 1e6);
      }
      out.println("(the data is broadcast to the executors once, before every row, and not counted; no row shuffles"
          + (partitioned != null ? "; the partitioned source's training rows were dealt to the workers once, before"
          + " every row, in one shuffle, not counted either" : "") + ")");
      data.destroy();
      if (partitionedData != null) {
        partitionedData.destroy();
        PartitionedTraining.release(partitioned);
      }

      Map<String, Object> rows = new LinkedHashMap<>();
      for (Arm arm : table) {
        rows.put(arm.name(), Map.of("accuracy", arm.accuracy(), "nll", arm.nll(), "wall_seconds", arm.wallSeconds(),
            "samples_per_second", arm.samples() / arm.wallSeconds(), "bytes_moved", arm.bytesMoved()));
      }
      new Measurements().put("config", parallel.name()).put("master", spark.sparkContext().master())
          .put("workers", d.workers()).put("averaging_frequency", d.averagingFrequency())
          .put("one_executor_samples_per_second", oneRate).put("data_parallel_samples_per_second", parallelRate)
          .put("partitioned_samples_per_second", partitioned != null ? speedArms.get(2).rates() : null)
          .put("speedup", speedup).put("rows", rows).writeIfAsked(args);
      return TroupeMain.OK;
    } finally {
      spark.stop();
    }
  }

  /** The config trained for one epoch: a warm-up. */
  private static ExperimentSpec one(ExperimentSpec spec) {
    return ConfigLoader.withValues(spec, Map.of("train.epochs", 1));
  }

  private static TrialSpec trial(ExperimentSpec spec, String id) {
    return TrialSpec.of(spec, id, Map.of());
  }

  private static double median(double[] values) {
    return Quartiles.of(values).median();
  }

  /** A speed arm: the config it trains, the data it reads, and its timed runs. */
  private record SpeedArm(String name, ExperimentSpec spec, Runner runner, List<Arm> runs) {
    SpeedArm(String name, ExperimentSpec spec, Runner runner) {
      this(name, spec, runner, new ArrayList<>());
    }

    double[] rates() {
      return runs.stream().mapToDouble(Arm::trainingRate).sorted().toArray();
    }
  }

  /** Runs an arm's trials through one dispatcher, as many at once as it has slots. */
  private record Runner(JavaSparkContext jsc, Broadcast<DataSplits> data, Path scratch) {
    Arm run(String name, List<TrialSpec> trials, int slots) throws InterruptedException {
      System.gc();
      Path artifacts = scratch.resolve(name.replace(' ', '-') + "-" + System.nanoTime());
      long start = System.nanoTime();
      List<TrialResult.Completed> results;
      try (TrialDispatcher dispatcher = TrialDispatcher.sharing(jsc, data, artifacts.toString(), slots)) {
        results = BenchTrials.runAll(dispatcher, trials, name);
      }
      return new Arm(name, results, (System.nanoTime() - start) / 1e9, data.value().test());
    }
  }

  /** An arm's finished members, its wall time, and their combined test figures. */
  private record Arm(String name, List<TrialResult.Completed> results, double wallSeconds, Dataset test) {
    Predictions combined() {
      return results.size() == 1 ? results.get(0).test()
          : Combiners.average(results.stream().map(TrialResult.Completed::test).toList());
    }

    double accuracy() {
      return ClassificationMetrics.of(combined(), test).accuracy();
    }

    double nll() {
      return ClassificationMetrics.of(combined(), test).nll();
    }

    /** Training samples over all members: rows a member trained on, times its epochs. */
    double samples() {
      return results.stream().mapToDouble(r -> metric(r, "train_rows") * metric(r, "epochs_run")).sum();
    }

    /** One trial's training throughput over its own training time (a lone trial's figure). */
    double trainingRate() {
      return metric(results.get(0), "samples_per_second");
    }

    double computeEpochs(int trainRows) {
      return samples() / trainRows;
    }

    double bytesMoved() {
      return results.stream().mapToDouble(r -> r.info().metrics().getOrDefault("dp_bytes_broadcast", 0.0)
          + r.info().metrics().getOrDefault("dp_bytes_returned", 0.0)).sum();
    }

    private static double metric(TrialResult.Completed r, String name) {
      Double v = r.info().metrics().get(name);
      if (v == null) {
        throw new IllegalStateException(r.info().trialId() + " has no " + name + ": " + r.info().metrics().keySet());
      }
      return v;
    }
  }
}
