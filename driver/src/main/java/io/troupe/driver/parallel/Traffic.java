package io.troupe.driver.parallel;

import io.troupe.model.Network;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a data-parallel trial moves between driver and workers, counted from what each round
 * sends: the master broadcasts the parameters and optimiser state (fetched once per worker) and
 * each worker returns its own copy of both to be averaged. The training rows never move: they are
 * on the executors already. Computed from the arrays' sizes (4 bytes a value), not read off the wire.
 */
final class Traffic {
  private long rounds;
  /** Each way: what is broadcast to the workers is what comes back from them. */
  private long bytesEachWay;

  void afterRound(Network net, int activeWorkers) {
    long state = net.params().length();
    var updaterState = net.updater().getStateViewArray();
    if (updaterState != null) {
      state += updaterState.length();
    }
    long bytes = state * Float.BYTES;
    rounds++;
    bytesEachWay += bytes * activeWorkers;
  }

  /** Metrics for the record: dp_rounds, dp_bytes_broadcast, dp_bytes_returned. */
  Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("dp_rounds", (double) rounds);
    m.put("dp_bytes_broadcast", (double) bytesEachWay);
    m.put("dp_bytes_returned", (double) bytesEachWay);
    return m;
  }
}
