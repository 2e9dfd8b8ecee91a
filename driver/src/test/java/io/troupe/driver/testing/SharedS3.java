package io.troupe.driver.testing;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One S3-compatible server per test JVM: S3Proxy on a free loopback port, started by the first
 * {@link #get()} (about 1.5 s) and stopped at JVM exit (or, if the JVM is killed, when its stdin
 * pipe closes: {@link ExitWithParent}). It runs as its own process: its jar bundles Guava, Jackson
 * and Logback unrelocated, which would clash with Spark's on one classpath. Maven copies the jar to
 * target/ and names it in the system property {@value #JAR_PROPERTY}.
 * <p>It keeps objects in its memory (jclouds' "transient" store, at most 512 MB: keep test data
 * small). Its "filesystem" store maps keys to files and "dir/" keys to directories, unlike S3, and
 * answers a delete of a non-empty directory's "dir/" marker only after ten 1-second retries: S3A
 * deletes such markers after every file it creates and Spark's commit deletes them, so a create
 * took 10 s there and every Spark write 10 s more.
 */
public final class SharedS3 implements SharedStorage {
  public static final String JAR_PROPERTY = "troupe.s3proxy.jar";
  private static final String ACCESS_KEY = "troupe-test-access";
  private static final String SECRET_KEY = "troupe-test-secret";
  private static final String REGION = "us-east-1";
  private static final String TESTS_BUCKET = "troupe-tests";
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final long START_TIMEOUT_MS = 60_000;
  private static SharedS3 instance;

  private final URI endpoint;
  private final AmazonS3 client;
  private final TestNames names = new TestNames();

  private SharedS3(URI endpoint) {
    this.endpoint = endpoint;
    this.client = AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(endpoint.toString(), REGION))
        .withPathStyleAccessEnabled(true)
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** The JVM's S3 server, started on first call. */
  public static synchronized SharedS3 get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static SharedS3 start() {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("no S3Proxy jar: system property " + JAR_PROPERTY + " is '" + jar
          + "' (Maven's s3proxy-jar execution copies it; run the tests through Maven)");
    }
    try {
      Path home = Files.createTempDirectory("troupe-s3-");
      URI endpoint = URI.create("http://127.0.0.1:" + freeLoopbackPort());
      Process server = launch(jar, home, endpoint);
      StopAtExit.register(() -> stop(server), home);
      awaitAnswer(server, endpoint, home.resolve("s3proxy.log"));
      return new SharedS3(endpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start S3Proxy", e);
    }
  }

  private static Process launch(String jar, Path home, URI endpoint) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("s3proxy.endpoint", endpoint.toString());
    properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    properties.setProperty("s3proxy.identity", ACCESS_KEY);
    properties.setProperty("s3proxy.credential", SECRET_KEY);
    properties.setProperty("jclouds.provider", "transient");
    Path file = home.resolve("s3proxy.properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      properties.store(out, "SharedS3");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = jar + File.pathSeparator + codeSourceOf(ExitWithParent.class);
    // stdin stays an open pipe: ExitWithParent ends the server when it closes.
    return new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath,
        ExitWithParent.class.getName(), "org.gaul.s3proxy.Main", "--properties", file.toString()))
        .redirectErrorStream(true).redirectOutput(home.resolve("s3proxy.log").toFile()).start();
  }

  /** Waits until the server answers HTTP (anonymous requests get 403, which is an answer). */
  private static void awaitAnswer(Process server, URI endpoint, Path log) throws IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!server.isAlive()) {
        throw new IOException("S3Proxy exited with " + server.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setConnectTimeout(1_000);
        connection.setReadTimeout(5_000);
        connection.getResponseCode();
        connection.disconnect();
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IOException("S3Proxy did not answer at " + endpoint + " within " + START_TIMEOUT_MS + " ms:\n"
        + Files.readString(log));
  }

  private static void stop(Process server) {
    server.destroy();
    try {
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String codeSourceOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
    }
  }

  /** The server's S3 endpoint: {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** Creates bucket {@code name} (if it is not there yet) and returns {@code s3a://name/}. */
  public synchronized URI bucket(String name) {
    if (!BUCKET_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("an S3 bucket name is 3-63 lower-case letters, digits, '.' and '-', got '" + name + "'");
    }
    if (!client.doesBucketExistV2(name)) {
      client.createBucket(name);
    }
    return URI.create("s3a://" + name + "/");
  }

  /** A fresh prefix in the shared bucket {@value #TESTS_BUCKET}: {@code s3a://troupe-tests/NAME-N}. */
  @Override
  public URI path(String name) {
    return bucket(TESTS_BUCKET).resolve(names.next(name));
  }

  /**
   * S3A's settings for this server: endpoint, path-style URLs (no bucket DNS names), plain HTTP, the
   * keys, and only the keys as credentials (no environment or EC2 instance-metadata lookups); a
   * fixed region, since there is no AWS to ask. Everything else is S3A 3.3.4's default.
   */
  @Override
  public Map<String, String> hadoopSettings() {
    return Map.of(
        "fs.s3a.endpoint", endpoint.toString(),
        "fs.s3a.endpoint.region", REGION,
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.access.key", ACCESS_KEY,
        "fs.s3a.secret.key", SECRET_KEY,
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
  }
}
