package io.troupe.driver.data;

import io.troupe.data.DataSplitter;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * Where each pool row of a partitioned spark source goes, by the rule {@link DataSplitter} splits a
 * collected pool with: the pool's seeded permutation puts row {@code i} at place {@code place[i]};
 * the first places are validation, the training part's come next. Training row {@code t} (its
 * place in the training part) goes to worker {@code t % workers}, as that worker's row
 * {@code t / workers}: a random deal, since the places are already a random order.
 */
final class PoolRouting implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int NOWHERE = -1;

  private final PoolIndex index;
  private final Broadcast<int[]> place;
  private final int validationKept;
  private final int validationSize;
  private final int trainKept;
  private final int workers;
  private final int head;

  /**
   * @param place the inverse of the pool's permutation, on every executor
   * @param head how many of the first training rows the driver holds too (the train-set evaluation's)
   */
  PoolRouting(PoolIndex index, Broadcast<int[]> place, DataSplitter.SplitPlan plan, int workers, int head) {
    this.index = index;
    this.place = place;
    this.validationKept = plan.validationKept();
    this.validationSize = plan.validationSize();
    this.trainKept = plan.trainKept();
    this.workers = workers;
    this.head = head;
  }

  /** The inverse of {@code permutation}: where each pool row stands in it. */
  static int[] places(int[] permutation) {
    int[] place = new int[permutation.length];
    for (int k = 0; k < permutation.length; k++) {
      place[permutation[k]] = k;
    }
    return place;
  }

  /** The training part's place of row {@code k} of source partition {@code partition}, or NOWHERE. */
  int trainRow(int partition, long k) {
    int t = place.value()[Math.toIntExact(index.row(partition, k))] - validationSize;
    return t >= 0 && t < trainKept ? t : NOWHERE;
  }

  /** Where the driver keeps row {@code k} of {@code partition}: validation row v at v, head row t at validationKept + t; else NOWHERE. */
  int driverSlot(int partition, long k) {
    int p = place.value()[Math.toIntExact(index.row(partition, k))];
    if (p < validationKept) {
      return p;
    }
    int t = p - validationSize;
    return t >= 0 && t < head ? validationKept + t : NOWHERE;
  }

  int worker(int trainRow) {
    return trainRow % workers;
  }

  int localRow(int trainRow) {
    return trainRow / workers;
  }

  /** The rows worker {@code w} holds: the training places t with t % workers == w. */
  int workerRows(int w) {
    return (trainKept - w + workers - 1) / workers;
  }

  int workers() {
    return workers;
  }

  int validationKept() {
    return validationKept;
  }

  int head() {
    return head;
  }
}
