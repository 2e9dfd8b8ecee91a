package io.troupe.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ArtifactRoleTest {
  @Test
  void entriesAndKeysAreTheNamesExistingResultFilesHold() {
    // trials.jsonl files and artifact directories already on disk use these; renaming one orphans them.
    assertEquals(List.of("model", "checkpoint", "predictions-val", "predictions-test", "predictions-oob", "swa", "ema"),
        Arrays.stream(ArtifactRole.values()).filter(r -> !r.numbered()).map(ArtifactRole::entry).toList());
    assertEquals("t0003/model.zip", ArtifactRole.MODEL.key("t0003"));
    assertEquals("t0003/predictions-val.bin", ArtifactRole.PREDICTIONS_VAL.key("t0003"));
    assertEquals("t0003/predictions-test.bin", ArtifactRole.PREDICTIONS_TEST.key("t0003"));
    assertEquals("t0003/predictions-oob.bin", ArtifactRole.PREDICTIONS_OOB.key("t0003"));
    assertEquals("member-01/swa.zip", ArtifactRole.SWA.key("member-01"));
    assertEquals("member-01/ema.zip", ArtifactRole.EMA.key("member-01"));
    assertEquals("snapshot-003", ArtifactRole.SNAPSHOT.entry(3));
    assertEquals("snapshots/snapshot-012.zip", ArtifactRole.SNAPSHOT.key("snapshots", 12));
  }

  @Test
  void aSnapshotEntryGivesBackItsNumberAndNothingElseDoes() {
    assertEquals(OptionalInt.of(3), ArtifactRole.SNAPSHOT.index("snapshot-003"));
    assertEquals(OptionalInt.of(1000), ArtifactRole.SNAPSHOT.index(ArtifactRole.SNAPSHOT.entry(1000)));
    for (String other : List.of("model", "snapshot", "snapshot-", "snapshots-001", "snapshot-1a", "snapshot--1")) {
      assertEquals(OptionalInt.empty(), ArtifactRole.SNAPSHOT.index(other), other);
    }
  }

  @Test
  void aNumberIsNeededExactlyWhenTheRoleIsNumbered() {
    assertThrows(IllegalArgumentException.class, ArtifactRole.SNAPSHOT::entry);
    assertThrows(IllegalArgumentException.class, () -> ArtifactRole.SNAPSHOT.key("t1"));
    assertThrows(IllegalArgumentException.class, () -> ArtifactRole.MODEL.entry(1));
    assertThrows(IllegalArgumentException.class, () -> ArtifactRole.MODEL.index("model-001"));
  }
}
