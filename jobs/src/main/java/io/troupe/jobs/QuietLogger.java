package io.troupe.jobs;

import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;

/** Raises one Log4j 2 logger to ERROR while some work runs, then puts its level back. */
final class QuietLogger {
  private QuietLogger() {}

  static <T> T during(String logger, Supplier<T> work) {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return work.get(); // another Log4j implementation: leave its configuration alone
    }
    Configuration config = context.getConfiguration();
    LoggerConfig current = config.getLoggerConfig(logger);
    boolean ownConfig = current.getName().equals(logger);
    Level before = current.getLevel();
    Configurator.setLevel(logger, Level.ERROR);
    try {
      return work.get();
    } finally {
      if (ownConfig) {
        Configurator.setLevel(logger, before);
      } else {
        config.removeLogger(logger);
        context.updateLoggers();
      }
    }
  }
}
