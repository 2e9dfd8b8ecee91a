package org.nd4j.nativeblas;

/**
 * A compatibility shim for DL4J 1.0.0-M2.1, not ND4J's own class. DL4J's oneDNN layer helpers ask,
 * by reflection, whether ND4J was built with oneDNN through {@code org.nd4j.nativeblas.Nd4jCpu$Environment
 * .isUseMKLDNN()}; ND4J M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}
 * and renamed the method {@code isUseONEDNN}. The lookup then fails, and DL4J turns the helpers off for
 * good, so every convolution ran DL4J's own im2col path (3x slower on fashion-cnn). This class answers
 * the old question with ND4J's current answer. See {@link io.troupe.model.NativeBackend}.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** What DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} calls. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();
    private static final String CURRENT = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    /** ND4J's isUseONEDNN(); false where the CPU bindings are absent (the CUDA backend). */
    public boolean isUseMKLDNN() {
      try {
        Class<?> current = Class.forName(CURRENT);
        Object environment = current.getMethod("getInstance").invoke(null);
        return (Boolean) current.getMethod("isUseONEDNN").invoke(environment);
      } catch (ReflectiveOperationException | LinkageError e) {
        return false;
      }
    }
  }
}
