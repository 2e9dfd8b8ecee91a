package io.troupe.artifacts;

import io.troupe.api.InputLayout;
import io.troupe.model.NativeBackend;
import io.troupe.model.Network;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.api.Model;
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
  static {
    NativeBackend.enableLayerHelpers(); // a restored network builds its layers here
  }

  private ModelArtifacts() {}

  /**
   * Writes {@code net} to {@code key}. {@code saveUpdater} also stores the optimizer state
   * (e.g. Adam's moments, as large again as the parameters), needed only to resume training.
   */
  public static void save(ArtifactStore store, String key, Model net,
      boolean saveUpdater) throws IOException {
    Objects.requireNonNull(net, "net");
    store.write(key, out -> ModelSerializer.writeModel(net, out, saveUpdater));
  }

  public static void save(ArtifactStore store, String key, Network net, boolean saveUpdater) throws IOException {
    save(store, key, net.model(), saveUpdater);
  }

  /**
   * Reads the network at {@code key}, a MultiLayerNetwork or a ComputationGraph, whichever was saved;
   * {@code loadUpdater} restores the optimizer state too.
   */
  public static Model load(ArtifactStore store, String key, boolean loadUpdater)
      throws IOException {
    InputStream in = store.open(key);
    try (in) {
      return readModel(in.readAllBytes(), loadUpdater);
    } catch (IOException | RuntimeException e) {
      throw unreadable("network", store, key, e);
    }
  }

  /** The saved network at {@code key}, fed through {@code layout}. */
  public static Network load(ArtifactStore store, String key, InputLayout layout, boolean loadUpdater)
      throws IOException {
    return Network.of(load(store, key, loadUpdater), layout);
  }

  /** A model zip's network, of the kind its configuration says. */
  public static Model readModel(byte[] zip, boolean loadUpdater) throws IOException {
    if (isGraph(zip)) {
      return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), loadUpdater);
    }
    return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), loadUpdater);
  }

  /** Whether a model zip holds a ComputationGraph: its configuration has vertices (a layer list has "confs"). */
  static boolean isGraph(byte[] zip) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals("configuration.json")) {
          String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          return json.contains("\"vertices\"") && !json.contains("\"confs\"");
        }
      }
    }
    throw new IOException("no configuration.json in the model zip");
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
