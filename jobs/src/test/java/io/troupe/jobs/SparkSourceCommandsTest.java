package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.config.ConfigLoader;
import io.troupe.data.SourceData;
import io.troupe.data.SyntheticData;
import io.troupe.driver.data.DatasetFrames;
import io.troupe.driver.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on data.source spark: validate and train read it through a local session of their
 * own, sweep through the session it runs on; each says how big the data is, records the same data
 * fingerprint, and bad data exits 2 with nothing written.
 */
class SparkSourceCommandsTest {
  @TempDir static Path dir;
  private static Path config;

  @BeforeAll
  static void writeParquet() throws IOException {
    SourceData blobs = SyntheticData.blobs(200, 40, 4, 3, 1.0, 5);
    SparkSession spark = SparkSessions.start(ConfigLoader.parse("{}", "t.yaml", "writer",
        List.of("spark.conf.spark.ui.enabled=false")), "local[2]");
    try {
      DatasetFrames.of(spark, blobs.train()).write().parquet(dir.resolve("train").toString());
      DatasetFrames.of(spark, blobs.test()).write().parquet(dir.resolve("test").toString());
    } finally {
      spark.stop();
    }
    config = dir.resolve("blobs.yaml");
    Files.writeString(config, """
        name: blobs
        data:
          source: spark
          spark: {path: '%s', test: {path: '%s'}, features: features, label: label}
        model: {hidden: [8]}
        train: {epochs: 2, batchSize: 20}
        search: {strategy: grid, space: {train.optimizer.lr: {choice: [0.01, 0.001]}}}
        spark: {conf: {spark.ui.enabled: 'false'}}
        """.formatted(dir.resolve("train"), dir.resolve("test")));
  }

  private static String fingerprint(String text) {
    Matcher m = Pattern.compile("fingerprint (sha256:[0-9a-f]+)").matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }

  @Test
  void validateReadsThroughALocalSessionAndSaysHowBigTheDataIs() {
    CliRun r = CliRun.of("validate", config.toString(), "--master", "local[2]");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("spark: train 180, validation 20, test 40; 3 classes; features 4"), r.out());
    assertTrue(r.out().contains("memory    240 rows x 4 features x 4 bytes = 3840 bytes"), r.out());
    assertTrue(r.err().contains("troupe: data.spark: read path " + dir.resolve("train") + " and path "
        + dir.resolve("test")), r.err());
  }

  @Test
  void trainAndSweepRecordTheFingerprintValidatePrints() throws IOException {
    String expected = fingerprint(CliRun.of("validate", config.toString(), "--master", "local[2]").out());
    Path out = dir.resolve("out");
    CliRun train = CliRun.of("train", config.toString(), "--out", out.toString(), "--master", "local[2]");
    assertEquals(0, train.code(), train.err());
    CliRun sweep = CliRun.of("sweep", config.toString(), "--out", out.resolve("sweep").toString(), "--master",
        "local[2]");
    assertEquals(0, sweep.code(), sweep.err());
    assertTrue(sweep.err().contains("every executor holds 240 rows x 4 features"), sweep.err());
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(out.resolve("blobs/trials.jsonl"));
    lines.addAll(Files.readAllLines(out.resolve("sweep/blobs/trials.jsonl")));
    assertEquals(3, lines.size(), "one trained trial and two swept");
    for (String line : lines) {
      JsonNode trial = json.readTree(line);
      assertEquals("COMPLETED", trial.get("status").asText(), line);
      assertEquals(expected, trial.get("provenance").get("dataFingerprint").asText());
    }
  }

  @Test
  void badDataExitsTwoNamingTheColumnAndWritesNothing() {
    Path out = dir.resolve("bad-out");
    CliRun r = CliRun.of("train", config.toString(), "--out", out.toString(), "--master", "local[2]",
        "--set", "data.spark.label=class");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("data.spark.label: no column \"class\" in parquet path " + dir.resolve("train")
        + "; its columns: features, label"), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
