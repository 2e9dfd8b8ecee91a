package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.driver.spark.JavaModuleOpens;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java 17 --add-opens list is written in several places; they must agree. */
class JavaModuleOpensConsistencyTest {
  private static final Pattern FLAG = Pattern.compile("--add-opens=java\\.base/[\\w.]+=ALL-UNNAMED");

  private static TreeSet<String> flagsIn(String text) {
    TreeSet<String> flags = new TreeSet<>();
    Matcher m = FLAG.matcher(text);
    while (m.find()) {
      flags.add(m.group());
    }
    return flags;
  }

  @Test
  void launcherPomAndCodeListTheSameFlags() throws IOException {
    TreeSet<String> code = new TreeSet<>(JavaModuleOpens.flags());
    assertEquals(13, code.size());
    // deploy/troupe and deploy/cluster take them from here
    assertEquals(code, flagsIn(Files.readString(ProjectRoot.get().resolve("deploy/common.sh"))), "deploy/common.sh");
    String pom = Files.readString(ProjectRoot.get().resolve("pom.xml"));
    String property = pom.substring(pom.indexOf("<java17.opens>"), pom.indexOf("</java17.opens>"));
    assertEquals(code, flagsIn(property), "pom.xml java17.opens");
    assertEquals(List.copyOf(code), List.copyOf(flagsIn(JavaModuleOpens.asJavaOptions())));
    for (String line : Files.readAllLines(ProjectRoot.get().resolve("conf/spark-defaults.conf.example"))) {
      if (line.startsWith("spark.driver.extraJavaOptions") || line.startsWith("spark.executor.extraJavaOptions")) {
        assertEquals(code, flagsIn(line), "conf/spark-defaults.conf.example: " + line.split("\\s")[0]);
      }
    }
    // The spark-operator manifests start the driver and executors before Troupe's code runs.
    for (var manifest : DeployFiles.manifests().entrySet()) {
      var spec = DeployFiles.applicationSpec(manifest.getValue());
      for (String role : List.of("driver", "executor")) {
        assertEquals(code, flagsIn(spec.path(role).path("javaOptions").asText()),
            "deploy/k8s/" + manifest.getKey() + ": " + role + ".javaOptions");
      }
    }
  }
}
