package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The results directory is the last line of defence for a name: config validation already refuses
 * "../../etc", but a spec built some other way must not lead outside --out either.
 */
class ExperimentTest {
  private static final ExperimentSpec VALID =
      ConfigLoader.parse("data: {source: synthetic}", "t.yaml", "ok", List.of());

  private static Experiment named(String name) {
    ExperimentSpec s = VALID;
    return new Experiment(Path.of("t.yaml"), new ExperimentSpec(name, s.seed(), s.data(), s.model(), s.train(),
        s.search(), s.objective(), s.ensemble(), s.spark()), null);
  }

  @Test
  void resultsGoUnderOutInADirectoryNamedAfterTheExperiment() {
    assertEquals(Path.of("runs/ok").toAbsolutePath().toString(), named("ok").dir("runs"));
    assertEquals("hdfs://nn:8020/runs/ok", named("ok").dir("hdfs://nn:8020/runs/"));
  }

  @Test
  void aNameThatLeadsOutsideOutIsBadInputNamingTheField() {
    for (String name : List.of("../../etc", "/etc", "a/../../b", "..")) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> named(name).dir("out"));
      assertTrue(e.getMessage().startsWith("name: \"" + name + "\""), e.getMessage());
    }
  }
}
