package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.driver.store.RunStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations files no build here can run (Dockerfiles, spark-operator manifests, systemd and
 * cron examples) must agree with the code and with each other: the main class, where the image
 * puts the jar and scripts, the configs they name, the GPU amounts, the schedule and its lock.
 */
class OperationsFilesTest {
  private static final Path ROOT = ProjectRoot.get();
  private static final Path DOCKERFILE = DeployFiles.K8S.resolve("Dockerfile");
  private static final Path DOCKERFILE_GPU = DeployFiles.K8S.resolve("Dockerfile.gpu");
  private static final String APP_JAR = "/opt/troupe/troupe-jobs.jar";

  @TempDir Path dir;

  private static String pomProperty(String name) throws IOException {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertTrue(m.find(), "pom.xml has no property " + name);
    return m.group(1);
  }

  @Test
  void bothImagesLayOutOptTroupeAsTheCheckoutIsLaidOut() throws IOException {
    for (Path dockerfile : List.of(DOCKERFILE, DOCKERFILE_GPU)) {
      // Base image: Spark's official Java 17 image of the version and Scala line the POM builds against.
      String sparkImage = DeployFiles.buildArg(dockerfile, "SPARK_IMAGE");
      assertEquals("apache/spark:" + pomProperty("spark.version") + "-scala" + pomProperty("scala.binary.version")
          + "-java17-ubuntu", sparkImage, dockerfile + " SPARK_IMAGE");
      assertEquals(APP_JAR, DeployFiles.destinationOf(dockerfile, "/troupe-jobs.jar"), dockerfile.toString());
      for (DeployFiles.Copy copy : DeployFiles.copies(dockerfile)) {
        if (!copy.fromContext()) {
          continue;
        }
        for (String source : copy.sources()) {
          assertTrue(Files.exists(ROOT.resolve(source)), dockerfile + " copies " + source + ", which is not in the project");
          if (copy.destination().startsWith("/opt/troupe/")) {
            // /opt/troupe mirrors the checkout, so scripts find each other by the same relative paths.
            assertEquals("/opt/troupe/" + source, copy.destination(), dockerfile + ": COPY " + source);
          }
        }
      }
      String entrypoint = DeployFiles.destinationOf(dockerfile, "deploy/k8s/entrypoint.sh");
      assertEquals("[\"" + entrypoint + "\"]", DeployFiles.lastInstruction(dockerfile, "ENTRYPOINT"), dockerfile.toString());
      // The entrypoint sources ../common.sh for the Java 17 flags.
      assertEquals(Path.of(entrypoint).getParent().resolveSibling("common.sh").toString(),
          DeployFiles.destinationOf(dockerfile, "deploy/common.sh"), dockerfile.toString());
      assertTrue(Files.readString(ROOT.resolve("deploy/k8s/entrypoint.sh")).contains("/../common.sh\""));
      for (String script : List.of("deploy/k8s/entrypoint.sh", "deploy/gpu/discover-gpus.sh")) {
        assertTrue(Files.isExecutable(ROOT.resolve(script)), script + " is not executable");
        DeployFiles.Copy copy = DeployFiles.copies(dockerfile).stream().filter(c -> c.sources().contains(script)).findFirst().orElseThrow();
        assertEquals("0755", copy.flags().get("chmod"), dockerfile + ": COPY " + script + " needs --chmod=0755");
      }
      assertEquals("spark", DeployFiles.lastInstruction(dockerfile, "USER"), dockerfile + ": runs as Spark's user");
    }
    assertTrue(Files.readString(DOCKERFILE_GPU).contains("-Pcuda "), "Dockerfile.gpu builds the CUDA backend");
    assertFalse(Files.readString(DOCKERFILE).contains("-Pcuda"), "Dockerfile builds the CPU backend");
    assertTrue(DeployFiles.buildArg(DOCKERFILE_GPU, "CUDA_IMAGE").startsWith("nvidia/cuda:11.6"),
        "the ND4J backend is nd4j-cuda-11.6");
  }

  @Test
  void bothImagesPutS3aOfSparksHadoopVersionIntoSparksJars() throws IOException {
    // The pom's hadoop.version is the Hadoop client Spark is built with, and the hadoop-aws the
    // launcher runs with; the AWS SDK bundle is the one that hadoop-aws resolves to.
    String hadoop = pomProperty("hadoop.version");
    assertEquals(hadoop, org.apache.hadoop.util.VersionInfo.getVersion(), "Spark's Hadoop client on the class path");
    assertEquals(hadoop, artifactVersion("org.apache.hadoop", "hadoop-aws"), "hadoop-aws on the class path");
    String sdk = com.amazonaws.util.VersionInfoUtils.getVersion();
    for (Path dockerfile : List.of(DOCKERFILE, DOCKERFILE_GPU)) {
      assertEquals(hadoop, DeployFiles.buildArg(dockerfile, "HADOOP_AWS_VERSION"), dockerfile + " HADOOP_AWS_VERSION");
      assertEquals(sdk, DeployFiles.buildArg(dockerfile, "AWS_SDK_BUNDLE_VERSION"), dockerfile + " AWS_SDK_BUNDLE_VERSION");
      // A build stage fetches both with Maven into one directory, which the image copies into Spark's jars.
      Set<String> fetched = new HashSet<>();
      Set<String> into = new HashSet<>();
      for (String[] instruction : DeployFiles.instructions(dockerfile)) {
        if (instruction[0].equals("RUN") && instruction[1].contains("dependency:copy")) {
          Matcher artifact = Pattern.compile("-Dartifact=(\\S+)").matcher(instruction[1]);
          while (artifact.find()) {
            fetched.add(artifact.group(1));
          }
          Matcher output = Pattern.compile("-DoutputDirectory=(\\S+)").matcher(instruction[1]);
          while (output.find()) {
            into.add(output.group(1));
          }
        }
      }
      assertEquals(Set.of("org.apache.hadoop:hadoop-aws:${HADOOP_AWS_VERSION}",
          "com.amazonaws:aws-java-sdk-bundle:${AWS_SDK_BUNDLE_VERSION}"), fetched, dockerfile + " fetches");
      assertEquals(1, into.size(), dockerfile + ": one directory for both: " + into);
      String fetchedInto = into.iterator().next();
      assertTrue(DeployFiles.copies(dockerfile).stream().anyMatch(c -> !c.fromContext()
              && c.sources().stream().anyMatch(src -> src.replaceAll("/$", "").equals(fetchedInto.replaceAll("/$", "")))
              && c.destination().equals("/opt/spark/jars/")),
          dockerfile + " copies " + fetchedInto + " into /opt/spark/jars/");
    }
  }

  /** The version of a Maven artifact on the test class path, from the pom.properties in its jar. */
  private static String artifactVersion(String groupId, String artifactId) throws IOException {
    String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (var in = OperationsFilesTest.class.getResourceAsStream(resource)) {
      assertTrue(in != null, "no " + resource + " on the class path");
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      return properties.getProperty("version");
    }
  }

  @Test
  void theSparkSubmitPackagesLineNamesSparksHadoopVersion() throws IOException {
    Pattern packages = Pattern.compile("--packages org\\.apache\\.hadoop:hadoop-aws:([0-9.]+)");
    for (String file : List.of("README.md", "docs/operations.md")) {
      Matcher m = packages.matcher(Files.readString(ROOT.resolve(file)));
      int found = 0;
      while (m.find()) {
        assertEquals(pomProperty("hadoop.version"), m.group(1), file + ": " + m.group());
        found++;
      }
      assertTrue(found > 0, file + " gives no --packages line for hadoop-aws");
    }
  }

  @Test
  void everyManifestRunsTroupeFromTheImageWithAValidConfig() throws IOException {
    Map<String, JsonNode> manifests = DeployFiles.manifests();
    assertEquals(Set.of("nightly-sweep-scheduled.yaml", "sweep-gpu-sparkapplication.yaml", "sweep-sparkapplication.yaml"),
        manifests.keySet());
    for (Map.Entry<String, JsonNode> entry : manifests.entrySet()) {
      String file = entry.getKey();
      JsonNode manifest = entry.getValue();
      assertEquals("sparkoperator.k8s.io/v1beta2", manifest.path("apiVersion").asText(), file);
      assertTrue(Set.of("SparkApplication", "ScheduledSparkApplication").contains(manifest.path("kind").asText()), file);
      JsonNode spec = DeployFiles.applicationSpec(manifest);
      assertEquals("Java", spec.path("type").asText(), file);
      assertEquals("cluster", spec.path("mode").asText(), file);
      assertEquals(pomProperty("spark.version"), spec.path("sparkVersion").asText(), file);
      assertEquals(TroupeMain.class.getName(), spec.path("mainClass").asText(), file);
      assertEquals("local://" + APP_JAR, spec.path("mainApplicationFile").asText(), file);
      // The image comes from the GPU Dockerfile exactly when executors ask for GPUs.
      Path dockerfile = spec.path("executor").has("gpu") ? DOCKERFILE_GPU : DOCKERFILE;
      String repository = spec.path("image").asText().replaceFirst(":[^:/]*$", "");
      assertTrue(Files.readString(dockerfile).contains("docker build -f deploy/k8s/" + dockerfile.getFileName()
          + " -t " + repository + ":"), file + ": " + dockerfile.getFileName() + " builds " + repository);
      assertEquals("true", spec.path("sparkConf").path("spark.authenticate").asText(), file + ": spark.authenticate");
      assertEquals("OnFailure", spec.path("restartPolicy").path("type").asText(), file + ": a crashed driver is rerun");

      // The arguments: a sweep that resumes, of a config shipped in conf/, valid with its overrides.
      List<String> arguments = new ArrayList<>();
      spec.path("arguments").forEach(a -> arguments.add(a.asText()));
      CliArgs cli = new TroupeMain().parse(arguments.stream()
          .map(a -> a.replace("@DATE@", LocalDate.now(ZoneOffset.UTC).toString())).toArray(String[]::new));
      assertEquals("sweep", cli.command(), file);
      assertTrue(cli.resume(), file + ": --resume, so a rerun continues");
      assertEquals(1, cli.configs().size(), file);
      Path config = DeployFiles.inCheckout(cli.configs().get(0).toString());
      assertTrue(Files.isRegularFile(config), file + ": no config " + config);
      ExperimentSpec experiment = ConfigLoader.load(config, cli.sets());

      // The data files are read by the driver alone (and broadcast), from a volume it mounts.
      if (experiment.data().path() != null) {
        claimMountedAt(spec, "driver", experiment.data().path(), file);
      }

      // Threads: one trial per task, its OpenMP threads = spark.task.cpus = the config's taskCpus.
      String taskCpus = Integer.toString(experiment.spark().taskCpus());
      assertEquals(taskCpus, spec.path("sparkConf").path("spark.task.cpus").asText(), file + ": spark.task.cpus");
      for (String role : List.of("driver", "executor")) {
        assertEquals(taskCpus, env(spec.path(role), "OMP_NUM_THREADS"), file + ": " + role + " OMP_NUM_THREADS");
      }
      String javaOptions = spec.path("driver").path("javaOptions").asText();
      Matcher log4j = Pattern.compile("-Dlog4j2\\.configurationFile=(\\S+)").matcher(javaOptions);
      assertTrue(log4j.find() && Files.isRegularFile(DeployFiles.inCheckout(log4j.group(1))), file + ": driver log4j2 config");
    }
  }

  @Test
  void everyManifestWritesToAnObjectStoreWithCredentialsFromOneSecret() throws IOException {
    // The Secret the sweep manifest's header says to create, with one key per variable.
    String header = Files.readString(DeployFiles.K8S.resolve("sweep-sparkapplication.yaml"));
    Matcher created = Pattern.compile("kubectl create secret generic (\\S+)").matcher(header);
    assertTrue(created.find(), "sweep-sparkapplication.yaml says how to create the credentials' Secret");
    String secret = created.group(1);
    List<String> variables = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    for (String variable : variables) {
      assertTrue(header.contains("--from-literal=" + variable + "="), "the Secret's key " + variable);
    }
    for (Map.Entry<String, JsonNode> entry : DeployFiles.manifests().entrySet()) {
      String file = entry.getKey();
      JsonNode spec = DeployFiles.applicationSpec(entry.getValue());
      List<String> arguments = new ArrayList<>();
      spec.path("arguments").forEach(a -> arguments.add(a.asText()));
      String out = new TroupeMain().parse(arguments.toArray(String[]::new)).out();
      assertTrue(out.startsWith("s3a://"), file + ": --out " + out + " is not an s3a:// URI");
      assertEquals(out, RunStores.normalize(out), file + ": --out as Troupe takes it (no credentials in it)");
      // S3A's default providers read these variables; the values come from the Secret, never the file.
      for (String role : List.of("driver", "executor")) {
        for (String variable : variables) {
          JsonNode env = envVar(spec.path(role), variable);
          assertTrue(env != null, file + ": " + role + " env has no " + variable);
          assertFalse(env.has("value"), file + ": " + role + " " + variable + " is written in the file");
          assertEquals(secret, env.at("/valueFrom/secretKeyRef/name").asText(), file + ": " + role + " " + variable);
          assertEquals(variable, env.at("/valueFrom/secretKeyRef/key").asText(), file + ": " + role + " " + variable);
        }
      }
      // No credential among the Spark settings (they would sit in the driver's config, in the clear).
      spec.path("sparkConf").fieldNames().forEachRemaining(key -> assertFalse(
          key.matches("(?i).*(secret|access\\.key|session\\.token).*"), file + ": sparkConf " + key));
    }
    // docs/operations.md's spark-submit on Kubernetes takes both variables from the same Secret, on both roles.
    String operations = Files.readString(ROOT.resolve("docs/operations.md"));
    Matcher ref = Pattern.compile("spark\\.kubernetes\\.(driver|executor)\\.secretKeyRef\\.(\\w+)=(\\S+):(\\S+)").matcher(operations);
    Set<String> refs = new HashSet<>();
    while (ref.find()) {
      assertEquals(secret, ref.group(3), "docs/operations.md: " + ref.group());
      assertEquals(ref.group(2), ref.group(4), "docs/operations.md: " + ref.group());
      refs.add(ref.group(1) + " " + ref.group(2));
    }
    assertEquals(Set.of("driver AWS_ACCESS_KEY_ID", "driver AWS_SECRET_ACCESS_KEY", "executor AWS_ACCESS_KEY_ID",
        "executor AWS_SECRET_ACCESS_KEY"), refs, "docs/operations.md secretKeyRef settings");
    assertTrue(operations.contains("kubectl create secret generic " + secret + " "), "docs/operations.md creates " + secret);
  }

  private static JsonNode envVar(JsonNode pod, String name) {
    for (JsonNode variable : pod.path("env")) {
      if (variable.path("name").asText().equals(name)) {
        return variable;
      }
    }
    return null;
  }

  /** The PVC claim of the volume that ROLE mounts at PATH (or at a parent of it). */
  private static String claimMountedAt(JsonNode spec, String role, String path, String file) {
    for (JsonNode mount : spec.path(role).path("volumeMounts")) {
      String mountPath = mount.path("mountPath").asText();
      if (path.equals(mountPath) || path.startsWith(mountPath + "/")) {
        for (JsonNode volume : spec.path("volumes")) {
          if (volume.path("name").asText().equals(mount.path("name").asText())) {
            String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
            assertFalse(claim.isEmpty(), file + ": volume " + mount.path("name") + " is not a PersistentVolumeClaim");
            return claim;
          }
        }
        throw new AssertionError(file + ": " + role + " mounts undeclared volume " + mount.path("name"));
      }
    }
    throw new AssertionError(file + ": the " + role + " mounts nothing at " + path);
  }

  private static String env(JsonNode pod, String name) {
    for (JsonNode variable : pod.path("env")) {
      if (variable.path("name").asText().equals(name)) {
        return variable.path("value").asText();
      }
    }
    return null;
  }

  @Test
  void theNightlySweepIsScheduledWithoutOverlapAndNamedByDate() throws Exception {
    JsonNode manifest = DeployFiles.manifests().get("nightly-sweep-scheduled.yaml");
    assertEquals("ScheduledSparkApplication", manifest.path("kind").asText());
    assertEquals("0 2 * * *", manifest.path("spec").path("schedule").asText());
    assertEquals("Forbid", manifest.path("spec").path("concurrencyPolicy").asText(), "the lock against overlapping runs");
    List<String> arguments = new ArrayList<>();
    DeployFiles.applicationSpec(manifest).path("arguments").forEach(a -> arguments.add(a.asText()));
    assertTrue(arguments.contains("name=seed002-nightly-@DATE@"), arguments.toString());

    // The image's entrypoint puts the date into the driver's arguments, and only the driver's.
    Path fakeSpark = dir.resolve("spark-entrypoint");
    Files.writeString(fakeSpark, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    fakeSpark.toFile().setExecutable(true);
    List<String> driver = new ArrayList<>(List.of("driver", "--class", TroupeMain.class.getName(), "local://" + APP_JAR));
    driver.addAll(arguments);
    LocalDate before = LocalDate.now(ZoneOffset.UTC);
    List<String> passed = entrypoint(fakeSpark, driver);
    LocalDate after = LocalDate.now(ZoneOffset.UTC);
    assertEquals(driver.size(), passed.size(), passed.toString());
    assertTrue(passed.contains("name=seed002-nightly-" + before) || passed.contains("name=seed002-nightly-" + after),
        passed.toString());
    assertFalse(String.join(" ", passed).contains("@DATE@"), passed.toString());
    assertEquals(List.of("executor", "x-@DATE@"), entrypoint(fakeSpark, List.of("executor", "x-@DATE@")));
  }

  private List<String> entrypoint(Path fakeSpark, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("deploy/k8s/entrypoint.sh").toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("SPARK_ENTRYPOINT", fakeSpark.toString());
    builder.environment().put("TZ", "UTC");
    builder.environment().remove("TROUPE_DATE_FORMAT");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), out);
    return out.lines().toList();
  }

  @Test
  void gpuExecutorsShareEachGpuBetweenAsManyTrialsAsTheyHaveSlots() throws IOException {
    JsonNode spec = DeployFiles.applicationSpec(DeployFiles.manifests().get("sweep-gpu-sparkapplication.yaml"));
    JsonNode conf = spec.path("sparkConf");
    double executorGpus = Double.parseDouble(conf.path("spark.executor.resource.gpu.amount").asText());
    double taskGpus = Double.parseDouble(conf.path("spark.task.resource.gpu.amount").asText());
    assertTrue(taskGpus > 0 && taskGpus <= executorGpus, "task amount " + taskGpus + " <= executor amount " + executorGpus);
    assertTrue(taskGpus >= 1 ? taskGpus == Math.floor(taskGpus) : taskGpus <= 0.5,
        "Spark takes whole GPUs per task, or a fraction of at most 0.5, got " + taskGpus);
    // Spark floors 1/amount: 0.5 -> 2 trials per GPU, 0.25 -> 4.
    long gpuSlots = taskGpus >= 1 ? (long) (executorGpus / taskGpus) : (long) executorGpus * (long) Math.floor(1 / taskGpus);
    long cpuSlots = spec.path("executor").path("cores").asLong() / Long.parseLong(conf.path("spark.task.cpus").asText());
    assertEquals(gpuSlots, cpuSlots, "trials per executor by GPU and by cores (otherwise some sit idle)");
    assertTrue(gpuSlots >= 2, "the example shares a GPU between trials");

    // The pod asks Kubernetes for what Spark asks for.
    String vendor = conf.path("spark.executor.resource.gpu.vendor").asText();
    assertEquals("nvidia.com", vendor);
    assertEquals(vendor + "/gpu", spec.path("executor").path("gpu").path("name").asText());
    assertEquals(executorGpus, spec.path("executor").path("gpu").path("quantity").asDouble());
    assertTrue(spec.path("driver").path("gpu").isMissingNode(), "a sweep's driver does no ND4J work");

    // The discovery script is where the GPU image puts it.
    assertEquals(DeployFiles.destinationOf(DOCKERFILE_GPU, "deploy/gpu/discover-gpus.sh"),
        conf.path("spark.executor.resource.gpu.discoveryScript").asText());
  }

  @Test
  void theSystemdTimerStartsTheWrapperNightlyAndCatchesUp() throws IOException {
    Path systemd = ROOT.resolve("deploy/systemd");
    Map<String, Map<String, List<String>>> service = DeployFiles.unitFile(systemd.resolve("troupe-sweep.service"));
    Map<String, List<String>> s = service.get("Service");
    assertEquals(List.of("oneshot"), s.get("Type"));
    assertTrue(s.containsKey("User") && !s.get("User").get(0).equals("root"), "a dedicated user");
    String workingDirectory = s.get("WorkingDirectory").get(0);
    String[] exec = s.get("ExecStart").get(0).split("\\s+");
    assertEquals(workingDirectory + "/deploy/scheduled-sweep", exec[0], "ExecStart runs the wrapper of this checkout");
    assertTrue(Files.isRegularFile(DeployFiles.inCheckout(workingDirectory + "/" + exec[1])), "config " + exec[1]);
    assertTrue(s.get("Environment").contains("TROUPE_NO_BUILD=1"), s.get("Environment").toString());
    // A start that finds the lock taken exits with the wrapper's code for it: not a failure.
    Matcher locked = Pattern.compile("LOCKED_EXIT=(\\d+)").matcher(Files.readString(ROOT.resolve("deploy/scheduled-sweep")));
    assertTrue(locked.find());
    assertEquals(List.of(locked.group(1)), s.get("SuccessExitStatus"));

    Map<String, Map<String, List<String>>> timer = DeployFiles.unitFile(systemd.resolve("troupe-sweep.timer"));
    Map<String, List<String>> t = timer.get("Timer");
    assertTrue(t.containsKey("OnCalendar"), t.toString());
    assertEquals(List.of("true"), t.get("Persistent"));
    assertEquals(List.of("troupe-sweep.service"), t.get("Unit"));
    assertEquals(List.of("timers.target"), timer.get("Install").get("WantedBy"));
  }

  @Test
  void theCronExamplesRunTheWrapperOnShippedConfigs() throws IOException {
    int entries = 0;
    Set<String> seen = new HashSet<>();
    for (String raw : Files.readAllLines(ROOT.resolve("deploy/cron/troupe-sweep.cron"))) {
      String line = raw.startsWith("# ") && raw.matches("# [0-9*@].*") ? raw.substring(2) : raw;  // commented examples too
      if (line.isBlank() || line.startsWith("#") || line.matches("[A-Z_]+=.*")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      assertTrue(fields.length > 6, line);
      for (int i = 0; i < 5; i++) {
        assertTrue(fields[i].matches("[0-9*,/-]+"), "cron time field " + fields[i] + " in " + line);
      }
      Matcher m = Pattern.compile("cd (\\S+) && .*deploy/scheduled-sweep (\\S+)").matcher(line);
      assertTrue(m.find(), line);
      assertTrue(Files.isRegularFile(DeployFiles.inCheckout(m.group(1) + "/" + m.group(2))), line);
      // cron turns a bare % into a newline.
      assertFalse(line.replace("\\%", "").contains("%"), "unescaped % in " + line);
      seen.add(m.group(2));
      entries++;
    }
    assertEquals(2, entries);
    assertEquals(2, seen.size());
  }
}
