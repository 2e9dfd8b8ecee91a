package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.driver.testing.SharedS3;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3a:// works from the classpath deploy/troupe runs with (the application jar, then Spark's jars
 * from spark-classpath.txt): hadoop-aws and its AWS SDK are provided in jobs, so they sit among
 * Spark's jars and stay out of the application jar.
 */
class S3aOnLauncherClasspathIT {
  @TempDir Path dir;

  @Test
  void theLaunchersClasspathWritesAndReadsS3a() throws Exception {
    SharedS3 s3 = SharedS3.get();
    URI file = s3.path("launcher");  // a key at the bucket's top: FsShell puts only into existing directories
    Path local = Files.writeString(dir.resolve("hello.txt"), "hello from the launcher's classpath");
    assertEquals("", fsShell(s3, "-put", local.toString(), file.toString()));
    assertEquals("hello from the launcher's classpath", fsShell(s3, "-cat", file.toString()));
    assertTrue(FileSystem.get(file, s3.configuration()).exists(new org.apache.hadoop.fs.Path(file)));
  }

  @Test
  void s3aIsNotInTheApplicationJar() throws IOException {
    try (ZipFile jar = new ZipFile(ApplicationJarIT.appJar().toFile())) {
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/apache/hadoop/fs/s3a/")
          || e.getName().startsWith("com/amazonaws/")), "hadoop-aws or the AWS SDK was shaded into the app jar");
    }
  }

  /**
   * Hadoop's FsShell on the launcher's local-mode classpath, with the S3 server's settings in a
   * core-site.xml after it (as HADOOP_CONF_DIR would add; FsShell insists on one).
   */
  private String fsShell(SharedS3 s3, String... args) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    try (Writer out = Files.newBufferedWriter(conf.resolve("core-site.xml"))) {
      s3.configuration().writeXml(out);
    }
    Path appJar = ApplicationJarIT.appJar();
    String classpath = String.join(File.pathSeparator, appJar.toString(),
        Files.readString(appJar.resolveSibling("spark-classpath.txt")).strip(), conf.toString());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "org.apache.hadoop.fs.FsShell"));
    command.addAll(List.of(args));
    Path log = dir.resolve("fsshell.txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "FsShell did not finish in 120 s");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    return output.strip();
  }
}
