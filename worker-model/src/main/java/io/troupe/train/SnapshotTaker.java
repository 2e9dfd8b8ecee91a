package io.troupe.train;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.SnapshotSpec;
import io.troupe.train.dl4j.EpochSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import io.troupe.model.Network;

/**
 * Captures parameter snapshots (batch-norm statistics included: DL4J keeps them among the
 * parameters) at the end of each cyclic-cosine cycle, every k iterations or evenly spread, writing each to the
 * artifact store at once so they cost no memory. Keeps the newest {@code keep} (0 = all).
 */
final class SnapshotTaker {
  private final SnapshotSpec spec;
  private final EpochSchedule schedule;
  private final long totalIterations;
  private final long evenGap;
  private final ArtifactStore store;
  private final String trialId;
  /** The numbers of the snapshots kept, oldest first. */
  private final Deque<Integer> kept = new ArrayDeque<>();
  private int taken;

  SnapshotTaker(SnapshotSpec spec, EpochSchedule schedule, long totalIterations, int iterationsPerEpoch,
      ArtifactStore store, String trialId) {
    this.spec = spec;
    this.schedule = schedule;
    this.totalIterations = totalIterations;
    long start = Math.round(spec.startEpoch() * iterationsPerEpoch);
    this.evenGap = Math.max(1, (totalIterations - start) / spec.count());
    this.store = store;
    this.trialId = trialId;
  }

  /** @param iteration the 0-based iteration that just finished */
  void afterIteration(Network net, long iteration) {
    boolean due = switch (spec.mode()) {
      case NONE -> false;
      case CYCLE_ENDS -> schedule != null && schedule.endsCycle(iteration);
      case EVERY_ITERATIONS -> (iteration + 1) % spec.everyIterations() == 0;
      case EVENLY -> evenlyDue(iteration);
    };
    if (!due) {
      return;
    }
    taken++;
    String key = ArtifactRole.SNAPSHOT.key(trialId, taken);
    try {
      ModelArtifacts.save(store, key, net, false);
      kept.addLast(taken);
      while (spec.keep() > 0 && kept.size() > spec.keep()) {
        store.delete(ArtifactRole.SNAPSHOT.key(trialId, kept.removeFirst()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write snapshot " + store.describe(key), e);
    }
  }

  /** Counted back from the final iteration, so the last snapshot is the final model. */
  private boolean evenlyDue(long iteration) {
    long fromEnd = totalIterations - 1 - iteration;
    return fromEnd >= 0 && fromEnd % evenGap == 0 && fromEnd / evenGap < spec.count();
  }

  /** Artifact keys of the snapshots kept, as "snapshot-001" -> key. */
  Map<String, String> artifacts() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int n : kept) {
      out.put(ArtifactRole.SNAPSHOT.entry(n), ArtifactRole.SNAPSHOT.key(trialId, n));
    }
    return out;
  }
}
