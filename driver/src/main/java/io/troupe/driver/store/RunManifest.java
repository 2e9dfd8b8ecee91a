package io.troupe.driver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.InvalidInputException;
import io.troupe.config.ConfigTree;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.ObjectiveSpec;
import io.troupe.config.binding.ConfigBinder;
import io.troupe.config.binding.ConfigEnum;
import io.troupe.config.binding.Problems;
import io.troupe.data.Task;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code run.json}: what a run was started with. The resolved config (every default filled), the
 * hash of its trial-relevant part, the data fingerprint, the versions of Troupe and its stack, and
 * the command line with secrets redacted. Every trial record carries the same config hash, so
 * results of two configs never mix unnoticed.
 *
 * <p>Trial-relevant means everything but {@link #OPERATIONAL}: where trials run, how many, the
 * failure budget, and how finished members are combined and scored. Changing those does not
 * change what any one trial computes.
 */
public record RunManifest(ObjectNode json) {
  public static final String FILE = "run.json";
  public static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Config paths (a section or one field) that do not change what any one trial computes. */
  public static final List<String> OPERATIONAL = List.of("spark", "search.trials", "search.maxFailures",
      "search.maxFailedTrials", "ensemble.combiners", "ensemble.distributedScoringAbove");

  /** A manifest for a run starting now. */
  public static RunManifest of(ExperimentSpec spec, String command, String dataFingerprint, List<String> commandLine,
      Map<String, String> versions, Instant now) {
    ObjectNode config = Secrets.redact(ConfigTree.of(spec));
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("name", spec.name());
    o.put("command", command);
    o.put("configHash", hash(trialRelevant(config)));
    o.put("dataFingerprint", dataFingerprint);
    o.set("config", config);
    o.set("versions", JSON.valueToTree(new TreeMap<>(versions)));
    ArrayNode line = o.putArray("commandLine");
    Secrets.redactArguments(commandLine).forEach(line::add);
    o.put("startedAt", now.toString());
    return new RunManifest(o);
  }

  public String configHash() {
    return json.path("configHash").asText();
  }

  public String dataFingerprint() {
    return json.path("dataFingerprint").asText();
  }

  public ObjectNode config() {
    return (ObjectNode) json.path("config");
  }

  /**
   * What the run ranked its trials by: the config's objective with both parts filled in, a null
   * metric or direction taking the task's default as {@link ExperimentSpec#objectiveMetric} does.
   *
   * @throws InvalidInputException naming this file when its objective section does not read
   */
  public ObjectiveSpec objective() {
    Problems problems = new Problems();
    ObjectiveSpec objective = ConfigBinder.bind(config().path("objective"), ObjectiveSpec.class, problems);
    if (objective == null) {
      throw new InvalidInputException(FILE + ": config.objective does not read: "
          + String.join("; ", problems.messages()));
    }
    Task task = ConfigEnum.nameOf(Task.REGRESSION).equals(config().path("data").path("task").asText())
        ? Task.REGRESSION : Task.CLASSIFICATION;
    return new ObjectiveSpec(objective.metricFor(task), objective.directionFor(task), objective.repeats());
  }

  /** This manifest with {@code earlier}'s start kept and this start listed among its resumes. */
  public RunManifest resuming(RunManifest earlier) {
    ObjectNode o = json.deepCopy();
    o.put("startedAt", earlier.json.path("startedAt").asText());
    ArrayNode resumes = o.putArray("resumes");
    earlier.json.path("resumes").forEach(resumes::add);
    ObjectNode now = resumes.addObject();
    now.put("at", json.path("startedAt").asText());
    now.set("commandLine", json.path("commandLine"));
    o.set("commandLine", earlier.json.path("commandLine"));
    return new RunManifest(o);
  }

  public byte[] toBytes() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a config path (e.g. "train.optimizer.lr") changes what a trial computes. */
  public static boolean trialRelevant(String path) {
    return OPERATIONAL.stream().noneMatch(p -> path.equals(p) || path.startsWith(p + "."));
  }

  /** The config less its {@link #OPERATIONAL} paths. */
  static ObjectNode trialRelevant(ObjectNode config) {
    ObjectNode copy = config.deepCopy();
    for (String path : OPERATIONAL) {
      int dot = path.lastIndexOf('.');
      JsonNode parent = dot < 0 ? copy : copy.at("/" + path.substring(0, dot).replace('.', '/'));
      if (parent instanceof ObjectNode section) {
        section.remove(path.substring(dot + 1));
      }
    }
    return copy;
  }

  /** sha256 of the tree written with its keys sorted, so field order never changes the hash. */
  static String hash(JsonNode tree) {
    try {
      byte[] canonical = JSON.writeValueAsBytes(sorted(tree));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), sorted(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new java.util.ArrayList<>();
      node.forEach(n -> list.add(sorted(n)));
      return list;
    }
    return node;
  }
}
