package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example user project (docs/example-project): its factory classes compiled against Troupe's
 * API into a jar of their own, then an ASHA sweep of its residual MLP (a ComputationGraph, promoted
 * trials continuing from their checkpoints on either executor) on the shared 2-worker cluster
 * through deploy/troupe, i.e. SparkSubmit with --jars, as a user would run it. Without the jar, the
 * driver refuses the config with exit 2 before any trial starts. (Every ensemble strategy and
 * combiner on a user's graph: EnsembleRunnerTest, on local Spark.)
 */
class UserProjectIT {
  private static final Path PROJECT = ProjectRoot.get().resolve("docs/example-project");

  @TempDir static Path work;
  private static Path userJar;
  private static SharedCluster cluster;

  @BeforeAll
  static void buildTheUsersJar() throws Exception {
    userJar = compileAndJar(PROJECT.resolve("src/main/java"), work.resolve("residual-nets.jar"));
    cluster = SharedCluster.get();
  }

  /** What `mvn package` of the example project makes: its classes, compiled against Troupe and DL4J. */
  static Path compileAndJar(Path sources, Path jar) throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path")));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    assertEquals(0, javac.run(null, errors, errors, args.toArray(String[]::new)),
        () -> "the example project compiles: " + errors);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, (OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static final String DATA = """
      data: {source: fashion-mnist, validation: 0.1, scaling: unit, subset: {train: 2000, validation: 500, test: 500}}
      model: {type: factory, factory: com.example.nets.ResidualMlp, init: he, params: {width: 64, blocks: 1}}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  @Test
  void anAshaSweepOfTheUsersGraphRunsOnTheClusterWithItsJar() throws Exception {
    Path config = Files.writeString(work.resolve("asha.yaml"), "name: user-asha\nseed: 7\n" + DATA + """
        train: {epochs: 3, batchSize: 64, optimizer: {type: adam, lr: 1.0e-3}}
        search:
          strategy: asha
          trials: 4
          asha: {minEpochs: 1, maxEpochs: 3, reduction: 3}
          space: {model.params.width: {choice: [32, 64]}, train.optimizer.lr: {logUniform: [5.0e-4, 3.0e-3]}}
        """);
    Path out = work.resolve("out");
    Path log = work.resolve("asha.txt");
    int exit = SharedCluster.finish(cluster.troupe(log, Map.of(), "sweep", config.toString(), "--master",
        cluster.masterUrl(), "--out", out.toString(), "--jars", userJar.toString()), log, 300);
    String text = Files.readString(log);
    assertEquals(0, exit, text);
    List<String> lines = Files.readAllLines(out.resolve("user-asha/trials.jsonl"));
    // A rung's trials end COMPLETED; those not promoted also get a PRUNED record.
    assertTrue(lines.stream().filter(l -> l.contains("\"status\":\"COMPLETED\"")).count() >= 5, text);
    assertTrue(lines.stream().allMatch(l -> l.contains("\"status\":\"COMPLETED\"") || l.contains("\"status\":\"PRUNED\"")),
        String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains("b1-fc1:dense")), "per-vertex monitoring: " + lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.contains("-r1\"")), "a promoted trial continued from its checkpoint: " + text);
    Path best = out.resolve("user-asha/best.yaml");
    assertTrue(Files.readString(best).contains("factory: com.example.nets.ResidualMlp"), Files.readString(best));
    try (Stream<Path> models = Files.walk(out.resolve("user-asha/artifacts"))) {
      Path model = models.filter(p -> p.getFileName().toString().equals("model.zip")).findFirst().orElseThrow();
      assertInstanceOf(ComputationGraph.class, ModelArtifacts.load(new LocalArtifactStore(model.getParent()),
          "model.zip", false));
    }
  }

  @Test
  void withoutTheJarTheFactoryIsRefusedBeforeAnyTrial() throws Exception {
    Path config = Files.writeString(work.resolve("nojar.yaml"), "name: user-nojar\n" + DATA
        + "train: {epochs: 1}\n");
    Path log = work.resolve("nojar.txt");
    Path out = work.resolve("nojar-out");
    int exit = SharedCluster.finish(cluster.troupe(log, Map.of(), "sweep", config.toString(), "--out", out.toString()),
        log, 120);
    String text = Files.readString(log);
    assertEquals(2, exit, text);
    assertTrue(text.contains("model.factory: class com.example.nets.ResidualMlp is not on the application's classpath")
        && text.contains("--jars"), text);
    Path trials = out.resolve("user-nojar/trials.jsonl");
    assertTrue(!Files.exists(trials) || Files.readAllLines(trials).isEmpty(), "no trial ran");
  }
}
