package io.troupe.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.LocalArtifactStore;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class RunStoresTest {
  @Test
  void plainPathsAndFileUrisAreLocalAndMadeAbsolute() {
    assertTrue(RunStores.isLocal("out") && RunStores.isLocal("/tmp/x") && RunStores.isLocal("file:///tmp/x"));
    assertFalse(RunStores.isLocal("hdfs://nn:8020/x") || RunStores.isLocal("s3a://bucket/x"));
    assertEquals(Path.of("out").toAbsolutePath().toString(), RunStores.normalize("out"));
    assertEquals("/tmp/x", RunStores.normalize("file:///tmp/x"));
    assertEquals("s3a://bucket/runs", RunStores.normalize("s3a://bucket/runs/"));
    assertInstanceOf(LocalArtifactStore.class, RunStores.open("file:///tmp/x", new Configuration()));
  }

  @Test
  void aUriWithCredentialsOrWithoutABucketIsBadInputThatNeverEchoesTheSecret() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> RunStores.normalize("s3a://AKIA:hunter2@bucket/runs"));
    assertTrue(e.getMessage().contains("carries credentials"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("AKIA"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> RunStores.normalize("hdfs:/runs"));
    assertTrue(e.getMessage().contains("has no authority"), e.getMessage());
  }

  @Test
  void aChildNameMustBeOnePlainSegmentInsideTheLocation() {
    assertEquals("hdfs://nn/runs/fashion", RunStores.child("hdfs://nn/runs", "fashion", "name"));
    for (String bad : List.of("..", "a/b", "", ".")) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> RunStores.child("hdfs://nn/runs", bad, "name"));
      assertTrue(e.getMessage().startsWith("name: "), e.getMessage());
    }
    assertThrows(InvalidInputException.class, () -> RunStores.child("/tmp/runs", "../etc", "name"));
  }
}
