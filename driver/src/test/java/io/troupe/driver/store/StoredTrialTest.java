package io.troupe.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.artifacts.ArtifactRole;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredTrialTest {
  /**
   * A bagged member with two snapshots and SWA/EMA averages as TrialRunner wrote it before
   * ArtifactRole existed (metrics and history trimmed): a line of an earlier run's trials.jsonl.
   */
  static final String EARLIER_LINE = """
      {"trialId":"bag-01","status":"COMPLETED","seed":-5621688251757996109,"params":{"train.optimizer.lr":0.01},\
      "metrics":{"ema_val_accuracy":0.9666666666666667,"epochs_run":2.0,"oob_accuracy":0.9898477157360406,\
      "swa_val_accuracy":0.9666666666666667,"test_accuracy":0.99,"val_accuracy":0.9666666666666667,\
      "val_loss":0.09648519417398747},"diagnosis":{"learningRate":"FINE","fit":"GOOD","notes":[]},\
      "history":[{"epoch":1,"train_loss":0.5879964531720185,"train_eval_loss":0.19543945087554712,\
      "train_accuracy":0.975,"val_loss":0.17929389128967058,"val_accuracy":0.9833333333333333,"lr":0.01,\
      "gradient_norm":null,"seconds":0.465106083,"layers":[]}],"provenance":{"backend":"CpuBackend",\
      "device":"cpu","threads":1,"libraries":"troupe 0.1.0-SNAPSHOT, dl4j/nd4j 1.0.0-M2.1",\
      "javaVersion":"Debian 17.0.15","host":"vm","os":"Linux amd64","dataFingerprint":"sha256:ca9cb684a1c17b88"},\
      "wallSeconds":3.665947775,"artifacts":{"ema":"bag-01/ema.zip","model":"bag-01/model.zip",\
      "predictions-oob":"bag-01/predictions-oob.bin","predictions-test":"bag-01/predictions-test.bin",\
      "predictions-val":"bag-01/predictions-val.bin","snapshot-001":"bag-01/snapshot-001.zip",\
      "snapshot-002":"bag-01/snapshot-002.zip","swa":"bag-01/swa.zip"},"outOfBagCount":197}""";

  private static StoredTrial read(String line) throws IOException {
    return StoredTrial.fromJson(new ObjectMapper().readTree(line));
  }

  @Test
  void anEarlierRunsLineReadsWithEveryArtifactUnderItsRole() throws IOException {
    StoredTrial t = read(EARLIER_LINE);
    assertEquals(TrialStatus.COMPLETED, t.status());
    assertEquals(0.9666666666666667, t.metric("val_accuracy"));
    for (ArtifactRole role : ArtifactRole.values()) {
      if (!role.numbered() && role != ArtifactRole.CHECKPOINT) { // an earlier run kept no checkpoint apart from its model
        // The names the trial wrote are the names the roles read, and the keys are where it wrote them.
        assertEquals(Optional.of(role.key("bag-01")), t.artifact(role), role.name());
      }
    }
    assertEquals(Optional.of("bag-01/model.zip"), t.artifact(ArtifactRole.MODEL));
    assertEquals(List.of("bag-01/snapshot-001.zip", "bag-01/snapshot-002.zip"), t.artifacts(ArtifactRole.SNAPSHOT));
    assertEquals(List.of(ArtifactRole.SNAPSHOT.key("bag-01", 1), ArtifactRole.SNAPSHOT.key("bag-01", 2)),
        t.artifacts(ArtifactRole.SNAPSHOT));
  }

  @Test
  void snapshotsComeInTheOrderOfTheirNumbersAndAbsentArtifactsAreEmpty() throws IOException {
    // 1000 sorts before 999 as text; a run keeping that many snapshots still lists them in order.
    StoredTrial t = read("{\"trialId\":\"s\",\"status\":\"COMPLETED\",\"artifacts\":{\"snapshot-1000\":\"s/c.zip\","
        + "\"snapshot-999\":\"s/b.zip\",\"snapshot-002\":\"s/a.zip\",\"snapshots\":\"x\"}}");
    assertEquals(List.of("s/a.zip", "s/b.zip", "s/c.zip"), t.artifacts(ArtifactRole.SNAPSHOT));
    assertEquals(Optional.empty(), t.artifact(ArtifactRole.MODEL));
    assertEquals(Optional.empty(), read("{\"trialId\":\"f\",\"status\":\"FAILED\"}").artifact(ArtifactRole.SWA));
  }

  @Test
  void askingANumberedRoleForOneArtifactOrTheOtherWayRoundIsAMistake() throws IOException {
    StoredTrial t = read(EARLIER_LINE);
    assertThrows(IllegalArgumentException.class, () -> t.artifact(ArtifactRole.SNAPSHOT));
    assertThrows(IllegalArgumentException.class, () -> t.artifacts(ArtifactRole.MODEL));
  }

  @Test
  void aStatusOutsideTheFourIsRefusedNamingTheAllowedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read("{\"trialId\":\"t1\",\"status\":\"RUNNING\"}"));
    assertTrue(e.getMessage().contains("expected one of COMPLETED, DIVERGED, FAILED, PRUNED"), e.getMessage());
  }
}
