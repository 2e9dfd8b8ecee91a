package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fashion-parquet's refusals, made before any file is read or Spark started (FashionMnistParquetIT writes). */
class FashionParquetCommandTest {
  @TempDir Path dir;

  @Test
  void anEarlierCopyIsNeverOverwritten() throws IOException {
    Path test = Files.createDirectories(dir.resolve(FashionParquetCommand.DIR).resolve("test"));
    Files.writeString(test.resolve("part-0.parquet"), "earlier");
    CliRun r = CliRun.of("fashion-parquet", "--out", dir.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(test + " exists; choose another --out (nothing was written)"), r.err());
    assertEquals("earlier", Files.readString(test.resolve("part-0.parquet")));
    assertTrue(Files.notExists(dir.resolve(FashionParquetCommand.DIR).resolve("train")));
  }

  @Test
  void aMissingIdxDirectorySaysHowToInstallIt() {
    Path missing = dir.resolve("no-fashion-mnist");
    CliRun r = CliRun.of("fashion-parquet", missing.toString(), "--out", dir.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("Fashion-MNIST directory " + missing + " does not exist"), r.err());
    assertTrue(Files.notExists(dir.resolve(FashionParquetCommand.DIR)), "nothing written");
  }
}
