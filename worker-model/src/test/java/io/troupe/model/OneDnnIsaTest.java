package io.troupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which kernels oneDNN runs, from the CPU's flags and oneDNN's own cap. */
class OneDnnIsaTest {
  private static final Set<String> ZEN3 = Set.of("fpu", "sse4_2", "avx", "avx2", "fma", "bmi2");
  private static final Set<String> ZEN5 = Set.of("avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd",
      "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16");

  @Test
  void avx512CoreNeedsItsFourFlags() {
    assertTrue(OneDnnIsa.avx512Core(ZEN5, null));
    assertFalse(OneDnnIsa.avx512Core(ZEN3, null));
    assertFalse(OneDnnIsa.avx512Core(Set.of("avx2", "avx512f", "avx512cd"), null), "AVX-512 F alone (Knights Landing)");
  }

  @Test
  void oneDnnsCapIsHonoured() {
    assertFalse(OneDnnIsa.avx512Core(ZEN5, "AVX2"));
    assertFalse(OneDnnIsa.avx512Core(ZEN5, "avx2"));
    assertFalse(OneDnnIsa.avx512Core(ZEN5, "AVX512_MIC"), "not avx512_core");
    assertTrue(OneDnnIsa.avx512Core(ZEN5, "AVX512_CORE"));
    assertTrue(OneDnnIsa.avx512Core(ZEN5, "AVX512_CORE_BF16"));
    assertTrue(OneDnnIsa.avx512Core(ZEN5, "ALL"));
    assertTrue(OneDnnIsa.avx512Core(ZEN5, ""), "an empty variable is no cap");
    assertFalse(OneDnnIsa.avx512Core(ZEN3, "ALL"), "a cap adds no instructions");
  }

  @Test
  void thisMachinesFlagsAreRead() {
    // Linux x86-64 is where ND4J's oneDNN build runs: its flags always name SSE2.
    Set<String> flags = OneDnnIsa.cpuFlags().orElseThrow();
    assertTrue(flags.contains("sse2"), flags.toString());
    assertEquals(OneDnnIsa.avx512Core(flags, System.getenv(OneDnnIsa.MAX_ISA_VARIABLE)), OneDnnIsa.avx512Core());
  }
}
