package io.troupe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the files under deploy/ that no build can check here (Kubernetes manifests, Dockerfiles,
 * systemd units), so tests can hold them to the code and to each other.
 */
final class DeployFiles {
  static final Path K8S = ProjectRoot.get().resolve("deploy/k8s");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DeployFiles() {}

  /** Every YAML manifest in deploy/k8s, by file name, parsed. */
  static Map<String, JsonNode> manifests() {
    Map<String, JsonNode> manifests = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        manifests.put(file.getFileName().toString(), YAML.readTree(file.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return manifests;
  }

  /** The SparkApplication spec of a manifest: its spec, or a ScheduledSparkApplication's template. */
  static JsonNode applicationSpec(JsonNode manifest) {
    JsonNode spec = manifest.path("spec");
    return manifest.path("kind").asText().equals("ScheduledSparkApplication") ? spec.path("template") : spec;
  }

  /** One COPY instruction: its flags (--from, --chmod, ...), sources and destination. */
  record Copy(Map<String, String> flags, List<String> sources, String destination) {
    boolean fromContext() {
      return !flags.containsKey("from");
    }
  }

  /** A Dockerfile's instructions, continuation lines joined, comments dropped: [keyword, rest]. */
  static List<String[]> instructions(Path dockerfile) throws IOException {
    List<String[]> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile)) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      String text = current.toString().strip();
      current.setLength(0);
      if (!text.isEmpty()) {
        String[] parts = text.split("\\s+", 2);
        instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
      }
    }
    return instructions;
  }

  static List<Copy> copies(Path dockerfile) throws IOException {
    List<Copy> copies = new ArrayList<>();
    for (String[] instruction : instructions(dockerfile)) {
      if (!instruction[0].equals("COPY")) {
        continue;
      }
      Map<String, String> flags = new LinkedHashMap<>();
      List<String> words = new ArrayList<>();
      for (String word : instruction[1].split("\\s+")) {
        Matcher flag = Pattern.compile("--([a-z]+)=(.*)").matcher(word);
        if (flag.matches()) {
          flags.put(flag.group(1), flag.group(2));
        } else {
          words.add(word);
        }
      }
      copies.add(new Copy(flags, List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1)));
    }
    return copies;
  }

  /** Where a Dockerfile copies a file of the build context (or one a build stage made) in its image. */
  static String destinationOf(Path dockerfile, String source) throws IOException {
    return copies(dockerfile).stream()
        .filter(c -> c.sources().contains(source))
        .map(Copy::destination)
        .reduce((a, b) -> {
          throw new AssertionError(dockerfile + " copies " + source + " twice: " + a + ", " + b);
        })
        .orElseThrow(() -> new AssertionError(dockerfile + " does not copy " + source));
  }

  /** The last value of instruction KEYWORD (e.g. ENTRYPOINT). */
  static String lastInstruction(Path dockerfile, String keyword) throws IOException {
    String value = null;
    for (String[] instruction : instructions(dockerfile)) {
      if (instruction[0].equals(keyword)) {
        value = instruction[1];
      }
    }
    if (value == null) {
      throw new AssertionError(dockerfile + " has no " + keyword);
    }
    return value;
  }

  /** The default of a build argument: ARG NAME=value. */
  static String buildArg(Path dockerfile, String name) throws IOException {
    for (String[] instruction : instructions(dockerfile)) {
      if (instruction[0].equals("ARG") && instruction[1].startsWith(name + "=")) {
        return instruction[1].substring(name.length() + 1);
      }
    }
    throw new AssertionError(dockerfile + " has no ARG " + name + "=...");
  }

  /** A systemd unit file: section -> key -> values (a key may repeat). */
  static Map<String, Map<String, List<String>>> unitFile(Path file) throws IOException {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    Map<String, List<String>> section = null;
    int lineNo = 0;
    for (String raw : Files.readAllLines(file)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
      } else {
        int eq = line.indexOf('=');
        if (section == null || eq <= 0) {
          throw new AssertionError(file + ":" + lineNo + ": not a key=value line in a section: " + raw);
        }
        section.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
      }
    }
    return sections;
  }

  /** A placeholder path in an example file (/opt/troupe/...) as the file in this checkout. */
  static Path inCheckout(String imageOrInstallPath) {
    String prefix = "/opt/troupe/";
    if (!imageOrInstallPath.startsWith(prefix)) {
      throw new AssertionError("expected a path under " + prefix + ", got " + imageOrInstallPath);
    }
    return ProjectRoot.get().resolve(imageOrInstallPath.substring(prefix.length()));
  }
}
