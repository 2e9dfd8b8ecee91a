package io.troupe.driver.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether a run may continue with the config it is resumed with. Any change to a trial-relevant
 * path is refused: the results would mix two experiments. Changes to
 * {@link RunManifest#OPERATIONAL} paths are allowed and reported, except that {@code search.trials}
 * may only be raised.
 */
public final class ManifestCheck {
  private ManifestCheck() {}

  /**
   * The allowed changes, as notes for the user.
   *
   * @throws InvalidInputException listing every refused change, with its old and new value
   */
  public static List<String> check(RunManifest stored, RunManifest current, String where) {
    Map<String, String> before = flatten(stored.config());
    Map<String, String> after = flatten(current.config());
    List<String> refused = new ArrayList<>();
    List<String> allowed = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    for (String path : paths) {
      String was = before.get(path);
      String now = after.get(path);
      if (Objects.equals(was, now)) {
        continue;
      }
      String change = path + ": " + was + " -> " + now;
      boolean lowered = path.equals("search.trials") && !raised(was, now);
      if (!RunManifest.trialRelevant(path) && !lowered) {
        allowed.add(change);
      } else {
        refused.add(change + (path.equals("search.trials") ? " (search.trials may only be raised)" : ""));
      }
    }
    if (!Objects.equals(stored.dataFingerprint(), current.dataFingerprint())) {
      refused.add("data fingerprint: " + stored.dataFingerprint() + " -> " + current.dataFingerprint()
          + " (the data changed)");
    }
    if (!refused.isEmpty()) {
      List<String> problems = new ArrayList<>();
      problems.add(where + ": --resume with a config that changes what the trials compute; the run was started"
          + " with another (its results would mix). Changed:");
      refused.forEach(c -> problems.add("  " + c));
      problems.add("Resume with the original config, or start a new run under another name or --out;"
          + " only these may change: " + RunManifest.OPERATIONAL.stream().map(p -> p.contains(".") ? p : p + ".*")
          .collect(java.util.stream.Collectors.joining(", ")) + " (search.trials only raised).");
      throw new InvalidInputException(problems);
    }
    return allowed.stream().map(c -> "resumed with a changed setting, allowed: " + c).toList();
  }

  private static boolean raised(String was, String now) {
    try {
      return was != null && now != null && Long.parseLong(now) >= Long.parseLong(was);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Every leaf of the tree as path -> JSON text; arrays are leaves (a list is one setting). */
  static Map<String, String> flatten(JsonNode tree) {
    Map<String, String> out = new TreeMap<>();
    flatten("", tree, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject() && node.size() > 0) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (!node.isNull()) {
      out.put(prefix, node.toString());
    }
  }
}
