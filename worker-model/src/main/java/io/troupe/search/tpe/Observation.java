package io.troupe.search.tpe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A finished trial as TPE sees it: its values (path -> value, as the sampler suggested them) and
 * its objective. A non-finite objective (NaN, infinite) is a trial that diverged or failed: it
 * ranks below every finite one whatever the direction.
 */
public record Observation(Map<String, Object> params, double objective) {
  public Observation {
    // A copy that keeps the trial's order (sorted paths), as the samplers give it.
    params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
  }

  /** Whether the trial diverged or failed. */
  public boolean failed() {
    return !Double.isFinite(objective);
  }
}
