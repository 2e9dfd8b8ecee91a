package io.troupe.driver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One in-process HDFS per test JVM: a MiniDFSCluster with one datanode on loopback, its files in a
 * temporary directory, started by the first {@link #get()} (5-14 s on 2 busy cores). At JVM exit
 * its namenode stops and its files go; the whole cluster's shutdown cannot run then (its datanode
 * removes a Hadoop shutdown hook, which Hadoop refuses during shutdown), so the datanode's threads
 * just end with the JVM. It is the shaded hadoop-client-minicluster, the one that works beside
 * Spark's shaded Hadoop.
 * <p>Closing a small file takes about 400 ms, as on a real cluster: close() asks the namenode to
 * complete the file and, when the datanode's block report is not in yet, the client sleeps
 * {@code dfs.client.block.write.locateFollowingBlock.initial.delay.ms} (400) before asking again.
 * A test that only needs speed may lower it in its own Configuration (20 ms: about 35 ms a file).
 */
public final class SharedHdfs implements SharedStorage {
  private static SharedHdfs instance;

  private final URI uri;
  private final TestNames names = new TestNames();

  private SharedHdfs(URI uri) {
    this.uri = uri;
  }

  /** The JVM's HDFS, started on first call. */
  public static synchronized SharedHdfs get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static SharedHdfs start() {
    try {
      Path base = Files.createTempDirectory("troupe-hdfs-");
      Configuration conf = new Configuration();
      settings().forEach(conf::set);
      MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).build();
      StopAtExit.register(cluster::shutdownNameNodes, base);
      return new SharedHdfs(URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the test HDFS", e);
    }
  }

  /** Where the namenode listens: {@code hdfs://127.0.0.1:PORT}. */
  public URI uri() {
    return uri;
  }

  @Override
  public URI path(String name) {
    return uri.resolve("/tests/" + names.next(name));
  }

  /** One datanode: files get one replica, not the default three. */
  @Override
  public Map<String, String> hadoopSettings() {
    return settings();
  }

  private static Map<String, String> settings() {
    return Map.of("dfs.replication", "1");
  }
}
