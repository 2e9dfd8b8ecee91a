package io.troupe.driver.spark;

import io.troupe.driver.dispatch.GpuAssignment;
import io.troupe.driver.dispatch.TrialTask;
import io.troupe.trial.Provenance;
import io.troupe.trial.ProvenanceReader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * What each executor will train with, checked when a session starts: one small task per slot (no
 * data, no training) binds its cores and GPU as a trial's task does, then reads ND4J's backend,
 * device and threads, the executor's id and host, and the GPU addresses Spark assigned. One line
 * per executor that ran a task, and a warning when Spark placed no task on some registered executor.
 */
public final class ExecutorReport {
  private static final String NO_GPU = "none";

  /** Numeric executor ids in number order ("2" before "10"), then any others ("driver") by name. */
  private static final Comparator<String> EXECUTOR_ORDER = Comparator
      .comparing((String id) -> !id.matches("\\d{1,9}"))
      .thenComparing(id -> id.matches("\\d{1,9}") ? Integer.parseInt(id) : 0)
      .thenComparing(Comparator.naturalOrder());

  private ExecutorReport() {}

  /** What one report task saw on its executor. */
  record Sighting(String executorId, String host, String backend, String device, int threads, List<String> gpus)
      implements Serializable {
    Sighting {
      gpus = List.copyOf(gpus);
    }
  }

  /**
   * Runs the report job (call it once the executors have registered, see {@link ExecutorRegistration})
   * and returns the lines to print. Never throws: the report only informs, trials report their own failures.
   */
  public static List<String> run(JavaSparkContext jsc, int taskCpus) {
    int tasks = Math.max(1, jsc.defaultParallelism() / taskCpus);
    int registered = SparkSettings.isLocal(jsc.master()) ? 0 : ExecutorRegistration.executors(jsc.sc());
    jsc.setJobGroup("troupe-executor-report", "executor report: backend and device", false);
    try {
      List<Integer> slots = IntStream.range(0, tasks).boxed().toList();
      return lines(jsc.parallelize(slots, tasks).map(ExecutorReport::look).collect(), registered);
    } catch (Exception e) { // collect() may throw SparkException, checked but undeclared (Scala)
      String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return List.of("troupe: warning: the executor report failed: " + e.getClass().getSimpleName() + ": " + reason);
    } finally {
      jsc.clearJobGroup();
    }
  }

  /** On an executor, inside a task: what a trial's task there would train with. */
  static Sighting look(Integer slot) {
    TrialTask.bindTaskResources();
    Provenance p = ProvenanceReader.read("");
    SparkEnv env = SparkEnv.get();
    return new Sighting(env.executorId(), env.blockManager().blockManagerId().host(), p.backend(), p.device(),
        p.threads(), gpus(TaskContext.get().resourcesJMap()));
  }

  private static List<String> gpus(Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources == null ? null : resources.get(GpuAssignment.RESOURCE);
    return gpu == null ? List.of() : Arrays.asList(gpu.addresses());
  }

  /**
   * One line per executor (tasks on the same executor merged, values that differ listed), ordered by
   * executor id, plus a warning if fewer than {@code registered} executors answered (0: local mode).
   */
  static List<String> lines(List<Sighting> seen, int registered) {
    Map<String, List<Sighting>> byExecutor = new TreeMap<>(EXECUTOR_ORDER);
    seen.forEach(s -> byExecutor.computeIfAbsent(s.executorId(), id -> new ArrayList<>()).add(s));
    List<String> lines = new ArrayList<>();
    byExecutor.forEach((id, tasks) -> lines.add(String.format("troupe: executor %s on %s: %s, device %s, %s thread(s),"
        + " gpus %s", id, distinct(tasks, Sighting::host), distinct(tasks, Sighting::backend),
        distinct(tasks, Sighting::device), distinct(tasks, s -> Integer.toString(s.threads())), gpuList(tasks))));
    if (byExecutor.size() < registered) {
      lines.add(String.format("troupe: warning: %d of %d registered executors ran a report task (Spark placed the"
          + " %d tasks unevenly); the others were not checked", byExecutor.size(), registered, seen.size()));
    }
    return lines;
  }

  private static String distinct(List<Sighting> tasks, Function<Sighting, String> field) {
    return tasks.stream().map(field).distinct().collect(Collectors.joining(","));
  }

  private static String gpuList(List<Sighting> tasks) {
    TreeSet<String> all = tasks.stream().flatMap(s -> s.gpus().stream()).collect(Collectors.toCollection(TreeSet::new));
    return all.isEmpty() ? NO_GPU : String.join(",", all);
  }
}
