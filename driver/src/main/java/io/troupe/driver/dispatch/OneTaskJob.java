package io.troupe.driver.dispatch;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a function on one value as a Spark job of one task, the way a trial is dispatched.
 *
 * <p>{@code parallelize(List.of(value), 1).map(fn).collect()} would do the same, but each of those calls
 * wraps the function in a Scala lambda, and Spark's closure cleaner reads the class file of each
 * lambda's declaring class (JavaPairRDD, RDD, SparkContext) with ASM on every job: most of the calling
 * thread's time per no-op trial (docs/benchmarks.md, "Dispatch without the closure cleaner").
 * Named function classes are not closures to the cleaner, so it leaves them alone. Whether the function
 * serializes is still checked, when the scheduler serializes the task: a job that cannot fails as
 * "Task not serializable".
 */
final class OneTaskJob {
  private OneTaskJob() {}

  /** {@code fn(value)}, computed in one task on an executor; what the task throws fails the job. */
  static <T, R> R run(JavaSparkContext spark, T value, Function<T, R> fn) {
    OnlyResult<R> result = new OnlyResult<>();
    spark.sc().runJob(spark.parallelize(List.of(value), 1).rdd(), new ApplyToOnlyValue<>(fn),
        JavaConverters.asScalaBuffer(List.<Object>of(0)).toSeq(), result, anyRef());
    return result.value;
  }

  @SuppressWarnings("unchecked")
  private static <R> ClassTag<R> anyRef() {
    return (ClassTag<R>) (ClassTag<?>) ClassTag$.MODULE$.AnyRef();
  }

  /** The task's function: {@code fn} on the partition's one value. */
  private static final class ApplyToOnlyValue<T, R> extends AbstractFunction2<TaskContext, scala.collection.Iterator<T>, R>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Function<T, R> fn;

    ApplyToOnlyValue(Function<T, R> fn) {
      this.fn = fn;
    }

    @Override
    public R apply(TaskContext context, scala.collection.Iterator<T> values) {
      try {
        return fn.call(values.next());
      } catch (Exception e) {
        throw OneTaskJob.<RuntimeException>unchecked(e); // as Spark's own Java wrappers do: the task fails with e itself
      }
    }
  }

  /** Keeps the task's result on the driver (Spark calls it from its scheduler's thread, before runJob returns). */
  private static final class OnlyResult<R> extends AbstractFunction2<Object, R, BoxedUnit> {
    private volatile R value;

    @Override
    public BoxedUnit apply(Object partition, R result) {
      value = result;
      return BoxedUnit.UNIT;
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E unchecked(Exception e) throws E {
    throw (E) e;
  }
}
