package io.troupe.model;

import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * Which of its kernel sets ND4J's OpenBLAS chose for this CPU, read from the library itself. It picks
 * its kernels from a table of CPU models, when it loads: the OpenBLAS that ND4J M2.1 ships runs its
 * AVX-512 kernels (SkylakeX) on the Intel Xeons it knows, and older ones on CPUs it does not (AMD's
 * family 26, though it has AVX-512). Whether it has its AVX-512 kernels here decides where dense layers
 * compute their gradients ({@link NativeBackend#denseBackpropOnOneDnn()}).
 *
 * <p>The library is built for many CPUs at once and keeps its choice in the global {@code gotoblas},
 * a pointer to one of its {@code gotoblas_<CORE>} tables; both are exported symbols, so the choice is
 * the table that pointer holds. Where the symbols are missing (not yet loaded, or another BLAS), the
 * core is {@value #UNKNOWN}. Setting {@code OPENBLAS_CORETYPE} before the JVM starts makes OpenBLAS
 * take another core, and this reads that one.
 */
public final class OpenBlasCore {
  /** The name when the choice cannot be read. */
  public static final String UNKNOWN = "unknown";
  /** OpenBLAS's x86-64 kernel sets, as its tables are named ({@code gotoblas_SKYLAKEX}, ...). */
  private static final List<String> CORES = List.of("SAPPHIRERAPIDS", "COOPERLAKE", "SKYLAKEX", "ZEN", "HASWELL",
      "EXCAVATOR", "STEAMROLLER", "PILEDRIVER", "BULLDOZER", "SANDYBRIDGE", "NEHALEM", "BARCELONA", "BOBCAT",
      "OPTERON_SSE3", "OPTERON", "ATHLON", "NANO", "DUNNINGTON", "PENRYN", "CORE2", "ATOM", "PRESCOTT",
      "BANIAS", "NORTHWOOD", "COPPERMINE", "KATMAI");
  private static final Set<String> AVX512_CORES = Set.of("SAPPHIRERAPIDS", "COOPERLAKE", "SKYLAKEX");

  private static volatile String name;

  private OpenBlasCore() {}

  /**
   * The kernel set OpenBLAS runs in this JVM ("SKYLAKEX", "HASWELL", "BARCELONA", ...), or
   * {@value #UNKNOWN}. Read once the library is loaded (ND4J loads it when it starts).
   */
  public static String name() {
    if (name == null) {
      String read = read();
      if (!read.equals(UNKNOWN)) {
        name = read; // a loaded library keeps its choice; until it is loaded, look again next time
      }
      return read;
    }
    return name;
  }

  /** Whether OpenBLAS runs its AVX-512 kernels here. */
  public static boolean avx512Kernels() {
    return AVX512_CORES.contains(name());
  }

  private static String read() {
    try {
      long chosen = pointerAt(Loader.addressof("gotoblas"));
      if (chosen == 0) {
        return UNKNOWN;
      }
      for (String core : CORES) {
        Pointer table = Loader.addressof("gotoblas_" + core);
        if (table != null && table.address() == chosen) {
          return core;
        }
      }
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      // no JavaCPP natives here: the choice cannot be read
    }
    return UNKNOWN;
  }

  /** The pointer stored at {@code where}, or 0 when there is none. */
  private static long pointerAt(Pointer where) {
    if (where == null || where.isNull()) {
      return 0;
    }
    LongPointer word = new LongPointer(where).capacity(1);
    return word.get(0);
  }
}
