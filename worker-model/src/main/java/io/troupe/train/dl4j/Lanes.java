package io.troupe.train.dl4j;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector shape of Troupe's SIMD kernels: 8 float lanes (256 bits) on every machine, so a
 * kernel's numbers do not depend on the machine's vector width. One shape for all of them, because the
 * JDK compiles vector code well only while it sees one vector class: a second shape in the same
 * process made a batch-norm kernel 3-10x slower (measured). Load only where {@link Simd#available()}.
 */
final class Lanes {
  static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;

  private Lanes() {}
}
