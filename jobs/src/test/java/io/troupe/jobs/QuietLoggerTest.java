package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

class QuietLoggerTest {
  @Test
  void theGradientCheckLoggerIsQuietOnlyWhileTheChecksRun() {
    String name = CheckCommand.GRADIENT_CHECK_LOGGER;
    assertTrue(LogManager.getLogger(name).isWarnEnabled(), "conf/log4j2.xml lets org.deeplearning4j warn");
    assertFalse(QuietLogger.during(name, () -> LogManager.getLogger(name).isWarnEnabled()));
    assertTrue(QuietLogger.during(name, () -> LogManager.getLogger(name).isErrorEnabled()));
    assertTrue(LogManager.getLogger(name).isWarnEnabled(), "restored afterwards");
  }

  @Test
  void aLoggerWithItsOwnLevelGetsItBack() {
    String name = "org.deeplearning4j";
    Level before = LogManager.getLogger(name).getLevel();
    QuietLogger.during(name, () -> null);
    assertEquals(before, LogManager.getLogger(name).getLevel());
  }
}
