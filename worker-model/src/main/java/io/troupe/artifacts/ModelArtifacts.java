package io.troupe.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and loads DL4J networks and raw parameter vectors through an {@link ArtifactStore}.
 * Networks use DL4J's {@link ModelSerializer} zip format (configuration, parameters and, if
 * asked, the updater state); parameter vectors use ND4J's binary format ({@link Nd4j#write}),
 * which keeps shape and data type.
 */
public final class ModelArtifacts {
  private ModelArtifacts() {}

  /**
   * Writes {@code net} to {@code key}. {@code saveUpdater} also stores the optimizer state
   * (e.g. Adam's moments, as large again as the parameters), needed only to resume training.
   */
  public static void save(ArtifactStore store, String key, MultiLayerNetwork net,
      boolean saveUpdater) throws IOException {
    Objects.requireNonNull(net, "net");
    store.write(key, out -> ModelSerializer.writeModel(net, out, saveUpdater));
  }

  /** Reads the network at {@code key}; {@code loadUpdater} restores the optimizer state too. */
  public static MultiLayerNetwork load(ArtifactStore store, String key, boolean loadUpdater)
      throws IOException {
    InputStream in = store.open(key);
    try (in) {
      return ModelSerializer.restoreMultiLayerNetwork(in, loadUpdater);
    } catch (IOException | RuntimeException e) {
      throw unreadable("network", store, key, e);
    }
  }

  /** Writes a parameter array (any shape and data type) to {@code key}. */
  public static void saveParams(ArtifactStore store, String key, INDArray params)
      throws IOException {
    Objects.requireNonNull(params, "params");
    store.write(key, out -> Nd4j.write(out, params));
  }

  /** Reads the parameter array at {@code key}, with the shape and data type it was saved with. */
  public static INDArray loadParams(ArtifactStore store, String key) throws IOException {
    InputStream in = store.open(key);
    try (in) {
      return Nd4j.read(in);
    } catch (IOException | RuntimeException e) {
      throw unreadable("parameter array", store, key, e);
    }
  }

  // Opened outside the translation so a missing key keeps its own NoSuchFileException; ND4J and
  // DL4J report corrupt input (often as unchecked exceptions) without saying which file.
  private static IOException unreadable(String what, ArtifactStore store, String key,
      Exception e) {
    return new IOException("cannot read the " + what + " at " + store.describe(key) + ": " + e, e);
  }
}
