package io.troupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Which kernels ND4J's OpenBLAS runs, read from the loaded library. */
class OpenBlasCoreTest {
  @Test
  void theLoadedLibrarysChoiceIsRead() {
    Nd4j.create(1); // ND4J loads its OpenBLAS when it starts
    String core = OpenBlasCore.name();
    assertNotEquals(OpenBlasCore.UNKNOWN, core, "ND4J's x86-64 OpenBLAS is built for many CPUs and says which");
    if (!OneDnnIsa.cpuFlags().orElseThrow().contains("avx512f")) {
      assertFalse(OpenBlasCore.avx512Kernels(), "no AVX-512 kernels on a CPU without AVX-512, yet " + core);
    }
    assertEquals(core, OpenBlasCore.name(), "read once, then kept");
  }

  @Test
  void aCoreChosenBeforeTheJvmStartsIsTheOneRead() throws Exception {
    // OpenBLAS takes OPENBLAS_CORETYPE over its own table: any CPU here runs Haswell's AVX2 kernels and
    // Prescott's SSE3 ones, so both branches are seen whatever this machine is.
    assertEquals("HASWELL false", coreOfAJvmWith("Haswell"));
    assertEquals("PRESCOTT false", coreOfAJvmWith("Prescott"));
  }

  /** {@link Probe}'s output in a JVM started with {@code OPENBLAS_CORETYPE=coreType}. */
  private static String coreOfAJvmWith(String coreType) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + NativeBackend.EXTENSION_PROPERTY + "=" + NativeBackend.EXTENSION,
        "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"),
        "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    builder.environment().put("OPENBLAS_CORETYPE", coreType);
    Process child = builder.redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), output);
    return output.lines().filter(l -> l.startsWith("core: ")).map(l -> l.substring(6)).findFirst()
        .orElseThrow(() -> new AssertionError("no core:\n" + output));
  }

  /** Prints "core: NAME AVX512KERNELS" once ND4J has loaded. */
  static final class Probe {
    private Probe() {}

    public static void main(String[] args) {
      Nd4j.create(1);
      System.out.println("core: " + OpenBlasCore.name() + " " + OpenBlasCore.avx512Kernels());
    }
  }
}
