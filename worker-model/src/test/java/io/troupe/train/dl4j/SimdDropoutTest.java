package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Dropout drawn in SIMD lanes against DL4J's own {@link Dropout}: mask, output and generator, to the bit. */
class SimdDropoutTest {
  private static final LayerWorkspaceMgr NO_WORKSPACE = LayerWorkspaceMgr.noWorkspaces();

  @Test
  void maskOutputAndGeneratorStateAreDl4jsToTheBit() {
    // Odd lengths for the scalar tail; several seeds and draws in a row for the state after each.
    for (int length : new int[] {2, 7, 8, 9, 128 * 784 + 3}) {
      for (long seed : new long[] {1, 42, -7_000_000_123L}) {
        assertSameDraws(new Dropout(0.8), length, seed, 0, 0);
      }
    }
    assertSameDraws(new Dropout(0.5), 1000, 5, 0, 0);
    assertSameDraws(new Dropout(new ExponentialSchedule(ScheduleType.ITERATION, 0.9, 0.99)), 1000, 5, 30, 1);
  }

  @Test
  void onlyPlainDropoutOnDenseFloatsIsTaken() {
    INDArray dense = Nd4j.rand(DataType.FLOAT, 4, 6);
    assertFalse(SimdDropout.takes(settled(new Dropout(0.8)), dense.transpose()), "a column-major view");
    assertFalse(SimdDropout.takes(settled(new Dropout(0.8)), dense.castTo(DataType.DOUBLE)));
    assertFalse(SimdDropout.takes(new Dropout(0.8), dense), "its helper not yet settled");
    assertFalse(SimdDropout.takes(new GaussianDropout(0.5), dense));
    assertTrue(SimdDropout.takes(settled(new Dropout(0.8)), dense));
  }

  private static void assertSameDraws(Dropout config, int length, long seed, int iteration, int epoch) {
    Nd4j.getRandom().setSeed(seed);
    INDArray input = Nd4j.rand(DataType.FLOAT, 1, length).subi(0.5);
    Dropout theirs = settled(config.clone());
    Dropout ours = settled(config.clone());
    long root = Nd4j.getRandom().rootState();
    long node = Nd4j.getRandom().nodeState();
    for (int draw = 0; draw < 3; draw++) {
      long rootBefore = Nd4j.getRandom().rootState();
      long nodeBefore = Nd4j.getRandom().nodeState();
      INDArray theirOutput = theirs.applyDropout(input, Nd4j.create(DataType.FLOAT, 1, length), iteration, epoch,
          NO_WORKSPACE);
      long rootAfter = Nd4j.getRandom().rootState();
      long nodeAfter = Nd4j.getRandom().nodeState();
      Nd4j.getRandom().setStates(rootBefore, nodeBefore);
      assertTrue(SimdDropout.takes(ours, input), "length " + length + " " + input.shapeInfoToString() + " " + ours.isInitializedHelper() + " " + ours.getHelper());
      INDArray ourOutput = SimdDropout.apply(ours, input, Nd4j.create(DataType.FLOAT, 1, length), iteration, epoch,
          NO_WORKSPACE);
      String what = "length " + length + ", seed " + seed + ", draw " + draw;
      assertArrayEquals(theirs.getMask().data().asFloat(), ours.getMask().data().asFloat(), what + ": mask");
      assertArrayEquals(theirOutput.data().asFloat(), ourOutput.data().asFloat(), what + ": output");
      assertEquals(rootAfter, Nd4j.getRandom().rootState(), what + ": root state");
      assertEquals(nodeAfter, Nd4j.getRandom().nodeState(), what + ": node state");
    }
    if (length > 1000) {
      double kept = ours.getMask().neq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
      assertEquals(config.getP(), kept, 0.01, "the retained share is the retain probability");
    }
    assertTrue(root != 0 && node != Nd4j.getRandom().nodeState(), "the generator moved on");
  }

  /** As NativeBackend.settleDropoutHelpers leaves it on the CPU: asked for a helper, none. */
  private static Dropout settled(Dropout dropout) {
    dropout.setInitializedHelper(true);
    return dropout;
  }
}
