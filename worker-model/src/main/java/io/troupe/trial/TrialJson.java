package io.troupe.trial;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One trial result as one JSON object (a line of trials.jsonl): trialId, status, seed, params,
 * metrics, diagnosis, history, provenance, artifacts, and the divergence point, the error or why
 * the trial was pruned. Non-finite numbers are written as null (JSON has no NaN).
 */
public final class TrialJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrialJson() {}

  public static ObjectNode toJson(TrialResult result) {
    TrialInfo info = result.info();
    ObjectNode o = JSON.createObjectNode();
    o.put("trialId", info.trialId());
    o.put("status", result.status().name());
    o.put("seed", info.seed());
    o.set("params", JSON.valueToTree(info.params()));
    ObjectNode metrics = o.putObject("metrics");
    info.metrics().forEach((k, v) -> number(metrics, k, v));
    o.set("diagnosis", diagnosis(info.diagnosis()));
    ArrayNode history = o.putArray("history");
    info.history().forEach(e -> history.add(epoch(e)));
    o.set("provenance", JSON.valueToTree(info.provenance()));
    number(o, "wallSeconds", info.wallSeconds());
    o.set("artifacts", JSON.valueToTree(info.artifacts()));
    if (result instanceof TrialResult.Diverged d) {
      o.set("divergence", divergence(d.at()));
    } else if (result instanceof TrialResult.Failed f) {
      ObjectNode error = o.putObject("error");
      error.put("class", f.exceptionClass());
      error.put("message", f.message());
    } else if (result instanceof TrialResult.Pruned p) {
      o.put("reason", p.reason());
    } else if (result instanceof TrialResult.Completed c && c.outOfBag() != null) {
      o.put("outOfBagCount", c.outOfBag().length);
    }
    return o;
  }

  public static String toLine(TrialResult result) {
    return toJson(result).toString();
  }

  private static ObjectNode diagnosis(Diagnosis d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("learningRate", d.learningRate().name());
    o.put("fit", d.fit().name());
    o.set("notes", JSON.valueToTree(d.notes()));
    return o;
  }

  private static ObjectNode epoch(EpochStats e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("epoch", e.epoch());
    number(o, "train_loss", e.trainLoss());
    number(o, "train_eval_loss", e.trainEvalLoss());
    number(o, "train_accuracy", e.trainAccuracy());
    number(o, "val_loss", e.valLoss());
    number(o, "val_accuracy", e.valAccuracy());
    number(o, "lr", e.learningRate());
    number(o, "gradient_norm", e.gradientNorm());
    number(o, "seconds", e.seconds());
    ArrayNode layers = o.putArray("layers");
    for (LayerStats l : e.layers()) {
      ObjectNode layer = layers.addObject();
      layer.put("layer", l.layer());
      number(layer, "update_ratio", l.updateRatio());
      number(layer, "activation_mean", l.activationMean());
      number(layer, "activation_std", l.activationStd());
      number(layer, "saturated", l.saturatedFraction());
    }
    return o;
  }

  private static ObjectNode divergence(DivergencePoint at) {
    ObjectNode o = JSON.createObjectNode();
    o.put("epoch", at.epoch());
    o.put("iteration", at.iteration());
    number(o, "loss", at.loss());
    number(o, "initialLoss", at.initialLoss());
    o.put("reason", at.reason());
    return o;
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
