package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The application jar must hold only what Spark does not already ship: a class in both is either
 * dead weight (Spark's copy loads first) or a version clash waiting to happen on a cluster.
 */
class ApplicationJarIT {
  private static final Path TARGET = ProjectRoot.get().resolve("jobs/target");

  static Path appJar() throws IOException {
    try (var jars = Files.list(TARGET)) {
      return jars.filter(p -> p.getFileName().toString().endsWith("-app.jar")).findFirst().orElseThrow();
    }
  }

  @Test
  void sharesNoClassWithSparksJars() throws IOException {
    Map<String, String> sparkClasses = new HashMap<>();
    for (String jar : Files.readString(TARGET.resolve("spark-classpath.txt")).strip().split(File.pathSeparator)) {
      forEachClass(Path.of(jar), name -> sparkClasses.putIfAbsent(name, Path.of(jar).getFileName().toString()));
    }
    Map<String, String> clashes = new TreeMap<>();
    forEachClass(appJar(), name -> {
      if (sparkClasses.containsKey(name)) {
        clashes.put(name.replaceAll("/[^/]+$", "/"), sparkClasses.get(name));
      }
    });
    assertEquals(Map.of(), clashes, "packages in both the app jar and Spark's jars (declare the dependency provided in jobs/pom.xml)");
  }

  @Test
  void shipsOnlyLinuxX8664NativesAndNoImageStack() throws IOException {
    try (ZipFile zip = new ZipFile(appJar().toFile())) {
      long natives = zip.stream().map(ZipEntry::getName)
          .filter(n -> n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib")).peek(n ->
              // ND4J/javacpp spell the platform linux-x86_64 (ND4J's oneDNN build linux-x86_64-onednn),
              // JNA spells it linux-x86-64.
              assertTrue(n.matches(".*linux-x86_64(-onednn)?/.*") || n.contains("linux-x86-64/"),
                  "native for another platform: " + n))
          .count();
      assertTrue(natives > 0, "no ND4J natives in the app jar");
      // One ND4J build only: nd4j-native's pom also asks for its plain natives (excluded in worker-model/pom.xml).
      assertTrue(zip.stream().anyMatch(e -> e.getName().endsWith("bindings/linux-x86_64-onednn/libnd4jcpu.so")),
          "ND4J's oneDNN build is missing");
      assertTrue(zip.stream().noneMatch(e -> e.getName().endsWith("bindings/linux-x86_64/libnd4jcpu.so")),
          "a second, plain ND4J build crept in (about 90 MB)");
      assertTrue(zip.stream().noneMatch(e -> e.getName().matches(".*(opencv|ffmpeg|leptonica).*\\.so.*")),
          "image/video natives crept back in");
      assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("org/apache/spark/SparkContext")),
          "Spark must be provided, not shaded");
    }
  }

  private static void forEachClass(Path jar, java.util.function.Consumer<String> action) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
          action.accept(name);
        }
      }
    }
  }
}
