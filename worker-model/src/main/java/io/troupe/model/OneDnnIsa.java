package io.troupe.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether oneDNN runs its AVX-512 kernels on this machine ({@code avx512_core}: AVX-512 F, BW, VL and
 * DQ), which decides where dense layers multiply ({@link NativeBackend#denseForwardOnOneDnn()}).
 *
 * <p>Why it matters: libnd4j's oneDNN inner product lets oneDNN choose its arrays' layouts and copies
 * DL4J's column-major weights and gradients into them each call. With AVX-512, oneDNN's brgemm kernels
 * pack the weights anyway and outrun ND4J's OpenBLAS (which does not know every AVX-512 CPU) by far;
 * with AVX2 only, oneDNN's GEMM is no faster than OpenBLAS's AVX2 kernels and the copies are pure cost
 * (docs/benchmarks.md: oneDNN trained the MLP 12-25% slower than OpenBLAS at batch 128).
 *
 * <p>Read from the CPU's flags in /proc/cpuinfo, capped as oneDNN caps itself by
 * {@value #MAX_ISA_VARIABLE} (its {@code ONEDNN_} spelling is not read by the oneDNN that ND4J M2.1
 * carries). Where there is no /proc/cpuinfo, oneDNN is assumed to have AVX-512, as before this check.
 */
public final class OneDnnIsa {
  /** oneDNN's environment variable capping the instruction set it dispatches to. */
  public static final String MAX_ISA_VARIABLE = "DNNL_MAX_CPU_ISA";
  private static final Set<String> AVX512_CORE = Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq");
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private static volatile Boolean avx512Core;

  private OneDnnIsa() {}

  /** Whether oneDNN dispatches to its AVX-512 kernels in this JVM (read once). */
  public static boolean avx512Core() {
    if (avx512Core == null) {
      avx512Core = cpuFlags().map(flags -> avx512Core(flags, System.getenv(MAX_ISA_VARIABLE))).orElse(true);
    }
    return avx512Core;
  }

  /**
   * Whether a CPU with {@code flags} runs oneDNN's AVX-512 kernels under {@code maxIsa} (null when
   * unset): oneDNN's cap names an ISA (AVX2, AVX512_CORE, AVX512_CORE_AMX, ALL, ...).
   */
  static boolean avx512Core(Set<String> flags, String maxIsa) {
    boolean capped = maxIsa != null && !maxIsa.isBlank()
        && !maxIsa.toUpperCase(Locale.ROOT).startsWith("AVX512_CORE") && !maxIsa.equalsIgnoreCase("ALL");
    return !capped && flags.containsAll(AVX512_CORE);
  }

  /** The first processor's flags, or empty where /proc/cpuinfo cannot be read. */
  static Optional<Set<String>> cpuFlags() {
    try (Stream<String> lines = Files.lines(CPUINFO)) {
      return lines.filter(line -> line.startsWith("flags")).findFirst()
          .map(line -> Set.copyOf(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
