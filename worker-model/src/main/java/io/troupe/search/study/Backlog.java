package io.troupe.search.study;

import io.troupe.trial.TrialSpec;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Optional;

/** A study's trials planned but not yet asked, and how many asked ones it still awaits. */
final class Backlog {
  private final Deque<TrialSpec> waiting = new ArrayDeque<>();
  private int awaited;

  void add(Collection<TrialSpec> trials) {
    waiting.addAll(trials);
  }

  /** The next planned trial, now awaited; empty when none is planned. */
  Optional<TrialSpec> next() {
    TrialSpec next = waiting.poll();
    if (next != null) {
      awaited++;
    }
    return Optional.ofNullable(next);
  }

  /** An awaited trial was told. */
  void told() {
    awaited--;
  }

  /** Nothing planned is left and nothing asked is awaited: the point to plan more, or to finish. */
  boolean idle() {
    return waiting.isEmpty() && awaited == 0;
  }

  boolean hasPlanned() {
    return !waiting.isEmpty();
  }
}
