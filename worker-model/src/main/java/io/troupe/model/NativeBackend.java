package io.troupe.model;

import java.lang.reflect.Field;
import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The ND4J CPU library Troupe trains with, and DL4J's oneDNN layer helpers.
 *
 * <p>The CPU backend is nd4j-native's {@code linux-x86_64-onednn} build (the pom's nd4j.classifier).
 * JavaCPP finds that build's libraries only under the platform extension {@value #EXTENSION}, and reads
 * the extension once, when ND4J first loads: {@link #selectLibrary()} sets it unless the JVM was started
 * with one, so entry points call it before anything touches ND4J, and executors get it as a JVM flag
 * ({@link #JVM_OPTION}). Where the extension's libraries are absent (the CUDA backend), JavaCPP loads the
 * plain ones, so the flag is harmless there.
 *
 * <p>DL4J 1.0.0-M2.1 leaves its oneDNN helpers for convolution, subsampling and batch norm off unless
 * {@value #HELPERS_OFF} is false, and even then its on-switch looked for a class ND4J had renamed (fixed
 * by {@link org.nd4j.nativeblas.Nd4jCpu}). With both, fashion-cnn trains about 3x faster on one core;
 * MLPs have no helper and are unchanged (docs/benchmarks.md). A layer picks its helper when it is built,
 * so {@link #enableLayerHelpers()} runs before any network is. Start the JVM with
 * {@code -D}{@value #HELPERS_OFF}{@code =true} to train on DL4J's own layers instead.
 */
public final class NativeBackend {
  /** JavaCPP's system property naming the native build's platform extension. */
  public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
  /** The extension of nd4j-native's oneDNN build. */
  public static final String EXTENSION = "-onednn";
  /** The flag an executor JVM is started with, so it loads the same library. */
  public static final String JVM_OPTION = "-D" + EXTENSION_PROPERTY + "=" + EXTENSION;
  /** DL4J's switch for its layer helpers (oneDNN on the CPU); true by default in M2.1. */
  public static final String HELPERS_OFF = "org.eclipse.deeplearning4j.helpers.disable";
  /**
   * Troupe's switch for dense layers' products: "true" on oneDNN, "false" on ND4J's OpenBLAS (DL4J's
   * numbers to the bit); unset, by the CPU ({@link #denseForwardOnOneDnn()}, {@link #denseBackpropOnOneDnn()}).
   */
  public static final String ONEDNN_GEMM = "troupe.onednn.gemm";

  private static volatile boolean oneDnnSeen;
  private static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

  private NativeBackend() {}

  /** Chooses the oneDNN build unless the JVM chose an extension; only effective before ND4J loads. */
  public static void selectLibrary() {
    if (System.getProperty(EXTENSION_PROPERTY) == null) {
      System.setProperty(EXTENSION_PROPERTY, EXTENSION);
    }
  }

  /**
   * Turns DL4J's layer helpers on for the CPU backend unless the JVM set the switch; layers built
   * afterwards use them. Not on CUDA: its helpers need cuDNN classes Troupe does not ship, and DL4J
   * would warn at every layer.
   */
  public static void enableLayerHelpers() {
    selectLibrary();
    if (System.getProperty(HELPERS_OFF) == null && onCpuBackend()) {
      System.setProperty(HELPERS_OFF, "false");
    }
  }

  /**
   * With layer helpers on, DL4J's {@link Dropout} asks for a helper again at every step, because none
   * exists on the CPU and it only remembers a success; each asking reads ND4J's environment, about
   * 1.5% of an MLP step at batch 128. This marks each of the network's dropouts as having asked, so
   * they go straight to DL4J's own dropout, as they did with helpers off (tested bit for bit).
   * @return how many dropouts it marked
   */
  public static int settleDropoutHelpers(Model model) {
    int marked = 0;
    for (Layer layer : layersOf(model)) {
      if (layer.conf() != null && layer.conf().getLayer() != null
          && layer.conf().getLayer().getIDropout() instanceof Dropout dropout && markAsked(dropout)) {
        marked++;
      }
    }
    return marked;
  }

  /** The runtime layers of a layer stack or a graph (none for another model): where helpers are set. */
  public static Layer[] layersOf(Model model) {
    return model instanceof MultiLayerNetwork stack ? stack.getLayers()
        : model instanceof ComputationGraph graph ? graph.getLayers() : new Layer[0];
  }

  private static boolean markAsked(Dropout dropout) {
    try {
      Field asked = Dropout.class.getDeclaredField("initializedHelper");
      asked.setAccessible(true);
      asked.setBoolean(dropout, true);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // another DL4J version: it keeps asking, which costs time, not correctness
    }
  }

  /**
   * For provenance: "onednn" when ND4J loaded the oneDNN build, with "+helpers" when DL4J's layer
   * helpers are on and "+gemm" when dense layers multiply on oneDNN, "+gemm-forward" when only their
   * forward products do (each makes numbers differ from DL4J's own layers in the last float digits),
   * else "plain".
   */
  public static String describe() {
    boolean helpers = "false".equals(System.getProperty(HELPERS_OFF));
    String gemm = denseForwardOnOneDnn() ? (denseBackpropOnOneDnn() ? "+gemm" : "+gemm-forward") : "";
    return (oneDnnLoaded() ? "onednn" : "plain") + (helpers ? "+helpers" : "") + gemm;
  }

  /**
   * Whether dense layers' forward products run on oneDNN's inner product, the bias added inside it
   * (else ND4J's OpenBLAS, DL4J's numbers): as {@link #ONEDNN_GEMM} says, else where oneDNN has its
   * AVX-512 kernels ({@link OneDnnIsa}).
   */
  public static boolean denseForwardOnOneDnn() {
    String choice = System.getProperty(ONEDNN_GEMM);
    if ("false".equals(choice) || !oneDnnLoaded()) {
      return false;
    }
    return "true".equals(choice) || OneDnnIsa.avx512Core();
  }

  /**
   * Whether dense layers' gradient products run on oneDNN: as {@link #ONEDNN_GEMM} says, else where the
   * forward does and ND4J's OpenBLAS lacks AVX-512 kernels for this CPU ({@link OpenBlasCore}). Where
   * OpenBLAS has them, its gradient products beat oneDNN's, which copies each weight gradient into its
   * own layout and back (docs/benchmarks.md: 10% more samples a second at batch 128 on an Intel Xeon).
   */
  public static boolean denseBackpropOnOneDnn() {
    String choice = System.getProperty(ONEDNN_GEMM);
    if (choice == null && OpenBlasCore.avx512Kernels()) {
      return false;
    }
    return denseForwardOnOneDnn();
  }

  /** True once ND4J has loaded nd4j-native's oneDNN build (so its ops have oneDNN kernels). */
  public static boolean oneDnnLoaded() {
    if (!oneDnnSeen) { // a loaded library stays loaded: look until it is there, then no more
      oneDnnSeen = Loader.getLoadedLibraries().values().stream()
          .anyMatch(path -> path.contains("nd4jcpu") && path.contains(EXTENSION + "/"));
    }
    return oneDnnSeen;
  }

  private static boolean onCpuBackend() {
    try {
      Class.forName(CPU_BACKEND, false, NativeBackend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
