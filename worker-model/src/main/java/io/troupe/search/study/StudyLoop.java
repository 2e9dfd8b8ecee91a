package io.troupe.search.study;

import io.troupe.trial.TrialSpec;
import java.io.IOException;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Drives a study: asks while a slot is free, runs what it asks through a {@link Trials}, and tells
 * each result as it comes. A trial whose result is already stored (--resume) is not run: its
 * result is told at the point the interrupted run told it, after as many asks as then and in the
 * same order, so the study asks exactly what an uninterrupted run asked. No Spark here: the study
 * runner supplies dispatch and the store.
 */
public final class StudyLoop {
  /** Where trials run and results are kept: the study runner's dispatcher and result store. */
  public interface Trials {
    /** The trial's stored result if it ended in an earlier run (FAILED ones are run again instead). */
    Optional<Replay> stored(TrialSpec trial);

    void submit(TrialSpec trial);

    int inFlight();

    /** Waits for the next result of a submitted trial and records it, noting {@code asksSoFar} for a later replay. */
    Told next(long asksSoFar) throws IOException, InterruptedException;

    /** True once no more trials may start (too many failed). */
    boolean stopped();
  }

  /**
   * A stored result: told when the study has made {@code askedBefore} asks (-1: stored by a Troupe that
   * did not count them, told at once), in {@code seq} order.
   */
  public record Replay(Told told, long askedBefore, long seq) {}

  private final Study study;
  private final int slots;
  private final PriorityQueue<Replay> held = new PriorityQueue<>(Comparator.comparingLong(Replay::seq));
  private long asks;
  private int replayed;

  public StudyLoop(Study study, int slots) {
    this.study = study;
    this.slots = slots;
  }

  /** Runs the study to its end, or until {@code trials} stops (the trials running then are awaited). */
  public void run(Trials trials) throws IOException, InterruptedException {
    while (true) {
      fill(trials);
      if (trials.inFlight() > 0) {
        study.tell(trials.next(asks));
      } else if (!held.isEmpty()) {
        // Nothing runs and the study asks nothing more before these: tell them now (a study that
        // changed since they were stored may never reach their turn).
        study.tell(held.poll().told());
      } else {
        return;
      }
    }
  }

  /** How many results this run told from the store instead of running them. */
  public int replayed() {
    return replayed;
  }

  private void fill(Trials trials) {
    tellDue();
    while (trials.inFlight() + held.size() < slots && !trials.stopped()) {
      Optional<TrialSpec> next = study.ask();
      if (next.isEmpty()) {
        return;
      }
      asks++;
      TrialSpec trial = next.get();
      Optional<Replay> stored = trials.stored(trial);
      if (stored.isPresent()) {
        held.add(stored.get());
        replayed++;
      } else {
        trials.submit(trial);
      }
      tellDue();
    }
  }

  /** Tells the held results whose turn has come: those the interrupted run told after no more asks than made now. */
  private void tellDue() {
    while (!held.isEmpty() && held.peek().askedBefore() <= asks) {
      study.tell(held.poll().told());
    }
  }
}
