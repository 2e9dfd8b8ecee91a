package io.troupe.driver.model;

import io.troupe.InvalidInputException;
import io.troupe.api.InputLayout;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.driver.store.RunStores;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * Readies a run's network on the driver before any trial is dispatched: copies model.file (a local
 * path or any Hadoop URI) into the run's artifacts, where every executor reads it, and builds one
 * network to check that it fits the data ({@link NetworkCheck}), so bad input stops the command
 * with exit 2 instead of failing every trial.
 */
public final class RunNetwork {
  private RunNetwork() {}

  /** @return the input layout of the run's networks, for scoring saved members */
  public static InputLayout prepare(ExperimentSpec spec, DataSplits splits, ArtifactStore artifacts,
      Configuration hadoop) {
    ModelFile file = ModelFile.NONE;
    if (spec.model().file() != null) {
      ModelFile.stage(source(spec, hadoop), artifacts);
      file = ModelFile.staged(artifacts);
    }
    return NetworkCheck.check(spec, splits, file);
  }

  /** model.file where the config points: a local path (relative to the working directory) or a Hadoop URI. */
  public static ModelFile source(ExperimentSpec spec, Configuration hadoop) {
    String location = spec.model().file();
    if (location == null) {
      return ModelFile.NONE;
    }
    if (RunStores.isLocal(location)) {
      Path path = Path.of(location.startsWith("file:") ? java.net.URI.create(location).getPath() : location)
          .toAbsolutePath().normalize();
      if (!Files.isRegularFile(path)) {
        throw new InvalidInputException("model.file: " + path + " does not exist or is not a file; expected a "
            + (spec.model().type().configName().equals("dl4j-json") ? "DL4J configuration JSON" : "DL4J model zip"));
      }
      return ModelFile.local(path);
    }
    int slash = location.lastIndexOf('/');
    String parent = location.substring(0, slash);
    String name = location.substring(slash + 1);
    if (name.isEmpty() || parent.endsWith(":/") || parent.endsWith(":")) {
      throw new InvalidInputException("model.file: " + location + " does not name a file");
    }
    ArtifactStore store = RunStores.open(RunStores.normalize(parent), hadoop);
    return ModelFile.of(location, () -> store.open(name));
  }
}
