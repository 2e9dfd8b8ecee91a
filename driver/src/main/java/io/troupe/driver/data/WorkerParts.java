package io.troupe.driver.data;

import io.troupe.data.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * The executor side of a partitioned training part: each source row is sent, in one shuffle, to the
 * worker {@link PoolRouting} deals it to, and each worker's rows are built there into one
 * {@link WorkerPart}, partition w for worker w. The driver's own rows (validation and the first
 * training rows) are picked out of the source the same way.
 */
final class WorkerParts {
  private WorkerParts() {}

  /**
   * @param where the part's path or table, for names and messages
   * @param columns its feature columns, as messages name them
   */
  record Layout(String where, String columns, int[] shape, Task task, int classes, boolean pixels)
      implements java.io.Serializable {}

  /** One RDD partition per worker, each holding that worker's rows; not yet computed or cached. */
  static JavaRDD<WorkerPart> of(JavaRDD<LabeledRow> source, PoolRouting routing, Layout layout) {
    JavaPairRDD<Integer, Tuple2<Integer, LabeledRow>> dealt = JavaPairRDD.fromJavaRDD(
        source.mapPartitionsWithIndex(new Deal(routing), false));
    // Integer keys hash to themselves: worker w's rows land in partition w.
    return dealt.partitionBy(new HashPartitioner(routing.workers()))
        .mapPartitionsWithIndex(new Build(routing, layout), true);
  }

  /** The rows the driver keeps, by {@link PoolRouting#driverSlot}: validation first, then the training head. */
  static JavaPairRDD<Integer, LabeledRow> driverRows(JavaRDD<LabeledRow> source, PoolRouting routing) {
    return JavaPairRDD.fromJavaRDD(source.mapPartitionsWithIndex(new PickDriverRows(routing), false));
  }

  /** A source partition's training rows, each keyed by its worker, with its row in that worker's part. */
  private static final class Deal
      implements Function2<Integer, Iterator<LabeledRow>, Iterator<Tuple2<Integer, Tuple2<Integer, LabeledRow>>>> {
    private static final long serialVersionUID = 1L;
    private final PoolRouting routing;

    Deal(PoolRouting routing) {
      this.routing = routing;
    }

    @Override
    public Iterator<Tuple2<Integer, Tuple2<Integer, LabeledRow>>> call(Integer partition, Iterator<LabeledRow> rows) {
      return new Iterator<>() {
        private long k;
        private Tuple2<Integer, Tuple2<Integer, LabeledRow>> next = advance();

        private Tuple2<Integer, Tuple2<Integer, LabeledRow>> advance() {
          while (rows.hasNext()) {
            LabeledRow row = rows.next();
            int t = routing.trainRow(partition, k++);
            if (t != PoolRouting.NOWHERE) {
              return new Tuple2<>(routing.worker(t), new Tuple2<>(routing.localRow(t), row));
            }
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Tuple2<Integer, Tuple2<Integer, LabeledRow>> next() {
          Tuple2<Integer, Tuple2<Integer, LabeledRow>> out = next;
          next = advance();
          return out;
        }
      };
    }
  }

  /** Worker w's dealt rows, in any order, into its part in training order. */
  private static final class Build
      implements Function2<Integer, Iterator<Tuple2<Integer, Tuple2<Integer, LabeledRow>>>, Iterator<WorkerPart>> {
    private static final long serialVersionUID = 1L;
    private final PoolRouting routing;
    private final Layout layout;

    Build(PoolRouting routing, Layout layout) {
      this.routing = routing;
      this.layout = layout;
    }

    @Override
    public Iterator<WorkerPart> call(Integer worker, Iterator<Tuple2<Integer, Tuple2<Integer, LabeledRow>>> rows) {
      DatasetBuilder builder = new DatasetBuilder(layout.where(), layout.columns(), routing.workerRows(worker),
          layout.shape(), layout.task(), layout.pixels());
      while (rows.hasNext()) {
        Tuple2<Integer, LabeledRow> row = rows.next()._2();
        builder.set(row._1(), row._2().getFeatures(), row._2().getLabel());
      }
      WorkerPart part = new WorkerPart(builder.unchecked(layout.classes()), builder.badPixelRows(), builder.badPixel());
      return Collections.singletonList(part).iterator();
    }
  }

  /** A source partition's rows the driver keeps, keyed by their slot. */
  private static final class PickDriverRows
      implements Function2<Integer, Iterator<LabeledRow>, Iterator<Tuple2<Integer, LabeledRow>>> {
    private static final long serialVersionUID = 1L;
    private final PoolRouting routing;

    PickDriverRows(PoolRouting routing) {
      this.routing = routing;
    }

    @Override
    public Iterator<Tuple2<Integer, LabeledRow>> call(Integer partition, Iterator<LabeledRow> rows) {
      List<Tuple2<Integer, LabeledRow>> kept = new ArrayList<>();
      long k = 0;
      while (rows.hasNext()) {
        LabeledRow row = rows.next();
        int slot = routing.driverSlot(partition, k++);
        if (slot != PoolRouting.NOWHERE) {
          kept.add(new Tuple2<>(slot, row));
        }
      }
      return kept.iterator();
    }
  }
}
