package io.troupe.config;

import io.troupe.config.binding.Checks;
import java.util.List;
import java.util.Map;

/**
 * The keys model.overrides accepts, and the values each may take. What they do to a network is
 * {@code io.troupe.model.TemplateOverrides}' job; this only keeps a bad key or value from reaching a
 * sweep.
 */
public final class OverrideKeys {
  public static final String LR = "lr";
  public static final String L1 = "l1";
  public static final String L2 = "l2";
  public static final String DROPOUT = "dropout";
  /** Followed by a layer's name (a graph vertex) or index (a layer stack): nOut.dense1, nOut.0. */
  public static final String WIDTH_PREFIX = "nOut.";
  static final List<String> NAMES = List.of(LR, L1, L2, DROPOUT, WIDTH_PREFIX + "<layer>");

  private OverrideKeys() {}

  static void check(Map<String, Double> overrides, ModelType type, Checks checks) {
    for (Map.Entry<String, Double> e : overrides.entrySet()) {
      String key = e.getKey();
      double v = e.getValue();
      String field = "overrides." + key;
      if (!Double.isFinite(v)) {
        checks.fail(field, "must be a finite number, got " + v);
      } else if (key.equals(LR) || key.equals(L1) || key.equals(L2)) {
        if (v < 0) {
          checks.fail(field, "must be >= 0, got " + v);
        }
      } else if (key.equals(DROPOUT)) {
        if (v < 0 || v >= 1) {
          checks.fail(field, "is a drop probability in [0, 1), got " + v);
        }
      } else if (key.startsWith(WIDTH_PREFIX) && key.length() > WIDTH_PREFIX.length()) {
        if (v < 1 || v != Math.rint(v)) {
          checks.fail(field, "is a layer width: a whole number >= 1, got " + v);
        }
        if (type == ModelType.DL4J_ZIP) {
          checks.fail(field, "cannot change a saved model's widths: its weights would no longer fit; use dl4j-json");
        }
      } else {
        checks.fail(field, "unknown override; expected one of " + String.join(", ", NAMES));
      }
    }
  }

  /** The layer named by a width key: "nOut.dense1" -> "dense1". */
  public static String widthLayer(String key) {
    return key.substring(WIDTH_PREFIX.length());
  }
}
