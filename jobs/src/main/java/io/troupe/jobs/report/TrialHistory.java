package io.troupe.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.driver.store.StoredTrial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch curves in a trial record's {@code history}: a figure by epoch, and each layer's
 * update:weight ratio. Epochs where a figure is null (NaN/Inf in the run) or absent are left out.
 */
final class TrialHistory {
  private TrialHistory() {}

  /** A curve: epochs on x, values on y, same length. */
  record Curve(double[] epochs, double[] values) {
    boolean isEmpty() {
      return epochs.length == 0;
    }

    /** The points above 0, which a log axis can draw. */
    Curve positive() {
      List<double[]> points = new ArrayList<>();
      for (int i = 0; i < epochs.length; i++) {
        if (values[i] > 0) {
          points.add(new double[] {epochs[i], values[i]});
        }
      }
      return curve(points);
    }

    /** The largest value, or NaN when empty. */
    double max() {
      double max = Double.NaN;
      for (double v : values) {
        max = Double.isNaN(max) ? v : Math.max(max, v);
      }
      return max;
    }
  }

  /** The figure {@code key} (train_loss, val_loss, val_accuracy, lr, ...) by epoch. */
  static Curve of(StoredTrial trial, String key) {
    List<double[]> points = new ArrayList<>();
    for (JsonNode epoch : history(trial)) {
      JsonNode v = epoch.get(key);
      if (epoch.hasNonNull("epoch") && v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
        points.add(new double[] {epoch.get("epoch").asDouble(), v.asDouble()});
      }
    }
    return curve(points);
  }

  /**
   * Each layer's update:weight ratio by epoch, layers in the order they first appear. Only
   * positive ratios are kept: they are drawn on a log axis, and a layer without weights has none.
   */
  static Map<String, Curve> updateRatios(StoredTrial trial) {
    Map<String, List<double[]>> byLayer = new LinkedHashMap<>();
    for (JsonNode epoch : history(trial)) {
      if (!epoch.hasNonNull("epoch") || !epoch.path("layers").isArray()) {
        continue;
      }
      for (JsonNode layer : epoch.get("layers")) {
        JsonNode ratio = layer.get("update_ratio");
        if (layer.hasNonNull("layer") && ratio != null && ratio.isNumber() && ratio.asDouble() > 0
            && Double.isFinite(ratio.asDouble())) {
          byLayer.computeIfAbsent(layer.get("layer").asText(), k -> new ArrayList<>())
              .add(new double[] {epoch.get("epoch").asDouble(), ratio.asDouble()});
        }
      }
    }
    Map<String, Curve> curves = new LinkedHashMap<>();
    byLayer.forEach((layer, points) -> curves.put(layer, curve(points)));
    return curves;
  }

  private static Iterable<JsonNode> history(StoredTrial trial) {
    JsonNode history = trial.json().path("history");
    return history.isArray() ? history : List.of();
  }

  private static Curve curve(List<double[]> points) {
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      x[i] = points.get(i)[0];
      y[i] = points.get(i)[1];
    }
    return new Curve(x, y);
  }
}
