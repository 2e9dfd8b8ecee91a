package io.troupe.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the shared stores cost, printed to stdout: start-up, create+close of one small file
 * (median of 50), listing 1,000 files (median of 5). On demand only, alone in its JVM so start-up
 * is measured:
 * {@code mvn -pl driver -am test -Dtest=StorageLatencyTest -Dsurefire.failIfNoSpecifiedTests=false -Dtroupe.measure=true}
 */
@EnabledIfSystemProperty(named = "troupe.measure", matches = "true")
class StorageLatencyTest {
  private static final byte[] RECORD = "{\"trial\":17,\"state\":\"COMPLETE\",\"loss\":0.3127}\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void measure() throws Exception {
    long start = System.nanoTime();
    SharedHdfs hdfs = SharedHdfs.get();
    report("MiniDFS start-up", millisSince(start));
    start = System.nanoTime();
    SharedS3 s3 = SharedS3.get();
    report("S3Proxy start-up (until it answers)", millisSince(start));

    Configuration quickComplete = hdfs.configuration();
    // close() asks the namenode to complete the file; if the datanode's block report is not in
    // yet, the client sleeps this long (default 400 ms) before asking again.
    quickComplete.set("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20");
    measureStore("hdfs", hdfs.path("latency"), hdfs.configuration());
    measureStore("hdfs, complete retry after 20 ms", hdfs.path("latency"), quickComplete);
    measureStore("s3a", s3.path("latency"), s3.configuration());
  }

  private static void measureStore(String name, URI dir, Configuration conf) throws Exception {
    try (FileSystem fs = FileSystem.newInstance(dir, conf)) {
      List<Double> creates = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        long start = System.nanoTime();
        try (var out = fs.create(new Path(new Path(dir), "record-" + i), false)) {
          out.write(RECORD);
        }
        creates.add(millisSince(start));
      }
      report(name + ": create+close of a " + RECORD.length + "-byte file, median of 50", median(creates));

      Path many = new Path(new Path(dir), "many");
      createEmptyFiles(fs, many, 1000);
      List<Double> listings = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        assertEquals(1000, fs.listStatus(many).length);
        listings.add(millisSince(start));
      }
      report(name + ": listStatus of 1,000 files, median of 5", median(listings));
    }
  }

  private static void createEmptyFiles(FileSystem fs, Path dir, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Path file = new Path(dir, String.format("f-%04d", i));
        done.add(pool.submit(() -> {
          fs.create(file, false).close();
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void report(String what, double millis) {
    System.out.printf("MEASURED %-65s %9.1f ms%n", what, millis);
  }
}
