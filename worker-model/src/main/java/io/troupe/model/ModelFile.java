package io.troupe.model;

import io.troupe.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the file of a dl4j-json or dl4j-zip network is read from. The driver copies model.file into
 * the run's artifacts ({@link #STAGED_KEY}) before training starts, so executors read it from the
 * run's own storage, wherever the original lived.
 */
public interface ModelFile {
  /** The copy of model.file in a run's artifact store. */
  String STAGED_KEY = "model/network-file";

  InputStream open() throws IOException;

  /** Where it is, for messages. */
  String describe();

  /** For a network that reads no file (mlp, cnn, factory). */
  ModelFile NONE = new ModelFile() {
    @Override
    public InputStream open() throws IOException {
      throw new IOException("this network reads no model.file");
    }

    @Override
    public String describe() {
      return "(no model.file)";
    }
  };

  /** Opens a file's bytes. */
  @FunctionalInterface
  interface Opener {
    InputStream open() throws IOException;
  }

  /** The file {@code opener} reads, called {@code description} in messages. */
  static ModelFile of(String description, Opener opener) {
    return new ModelFile() {
      @Override
      public InputStream open() throws IOException {
        return opener.open();
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }

  /** The staged copy in a run's artifact store. */
  static ModelFile staged(ArtifactStore store) {
    return of(store.describe(STAGED_KEY), () -> store.open(STAGED_KEY));
  }

  /** Copies {@code from} into {@code store} at {@link #STAGED_KEY}, where {@link #staged} reads it. */
  static void stage(ModelFile from, ArtifactStore store) {
    try (InputStream in = from.open()) {
      store.write(STAGED_KEY, out -> in.transferTo(out));
    } catch (IOException e) {
      throw new io.troupe.InvalidInputException("model.file " + from.describe() + ": cannot read it: " + e.getMessage(), e);
    }
  }

  static ModelFile local(Path path) {
    return of(path.toString(), () -> Files.newInputStream(path));
  }
}
