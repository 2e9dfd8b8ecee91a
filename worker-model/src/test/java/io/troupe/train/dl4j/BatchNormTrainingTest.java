package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Batch norm's backprop over contiguous planes in SIMD lanes, against libnd4j's batchnorm_bp. */
class BatchNormTrainingTest {
  private static final double EPS = 1e-5;

  @Test
  void kernelSumsMatchTheScalarLoopsInDouble() {
    assertTrue(Simd.available(), "test JVMs run with the vector module, as the launcher's do");
    java.util.Random random = new java.util.Random(3);
    for (int length : new int[] {1, 3, 4, 7, 49, 196, 784, 1001}) {
      ByteBuffer bytes = ByteBuffer.allocateDirect(length * Float.BYTES).order(ByteOrder.nativeOrder());
      for (int i = 0; i < length; i++) {
        bytes.putFloat(i * Float.BYTES, (float) (250 + 3 * random.nextGaussian()));
      }
      double scalarSum = BatchStatistics.sum(bytes.asFloatBuffer(), 0, length);
      assertEquals(scalarSum, BatchNormKernel.sum(bytes, 0, length), 1e-6 * Math.abs(scalarSum), "sum of " + length);
      double mu = scalarSum / length;
      double deviations = BatchStatistics.squaredDeviations(bytes.asFloatBuffer(), 0, length, mu);
      assertEquals(deviations, BatchNormKernel.squaredDeviations(bytes, 0, length, mu), 1e-5 * deviations,
          "squared deviations of " + length + ", 80 standard deviations from zero");
      assertEquals(BatchNormKernel.sum(bytes, 0, length), BatchNormKernel.sum(bytes, 0, length), 0.0);
    }
  }

  @Test
  void matchesLibnd4jsBatchnormBpOnAnOddPlane() {
    // 7 x 9 planes leave a tail after every lane width; the mean sits far from zero.
    INDArray x = Nd4j.randn(DataType.FLOAT, 6, 5, 7, 9).muli(2).addi(40);
    INDArray g = Nd4j.randn(DataType.FLOAT, 6, 5, 7, 9);
    INDArray gamma = Nd4j.rand(DataType.FLOAT, 5).addi(0.5);
    INDArray beta = Nd4j.randn(DataType.FLOAT, 5);
    INDArray mean = Nd4j.create(DataType.FLOAT, 5);
    INDArray var = Nd4j.create(DataType.FLOAT, 5);
    BatchStatistics.compute(x, mean, var);

    INDArray[] expected = libnd4j(x, g, mean, var, gamma, beta);
    INDArray dx = Nd4j.create(DataType.FLOAT, x.shape());
    INDArray dGamma = Nd4j.create(DataType.FLOAT, 5);
    INDArray dBeta = Nd4j.create(DataType.FLOAT, 5);
    assertTrue(BatchNormTraining.handles(x, g));
    BatchNormTraining.compute(x, g, mean, var, gamma, EPS, dx, dGamma, dBeta);

    assertClose(expected[0], dx, "input gradient");
    assertClose(expected[1], dGamma, "gamma gradient");
    assertClose(expected[2], dBeta, "beta gradient");
    // The input gradient sums to 0 per channel: the mean's own term, which a missing statistics term breaks.
    INDArray perChannel = dx.sum(0, 2, 3);
    double magnitude = Transforms.abs(dx).sum(0, 2, 3).maxNumber().doubleValue();
    assertTrue(perChannel.amaxNumber().doubleValue() <= 1e-4 * magnitude, perChannel.toString());

    INDArray again = Nd4j.create(DataType.FLOAT, x.shape());
    BatchNormTraining.compute(x, g, mean, var, gamma, EPS, again, null, null);
    assertArrayEquals(dx.data().asFloat(), again.data().asFloat(), "the same numbers every time");
  }

  @Test
  void normalisesAsLibnd4jsBatchnormOp() {
    INDArray x = Nd4j.randn(DataType.FLOAT, 6, 5, 7, 9).muli(2).addi(40);
    INDArray gamma = Nd4j.rand(DataType.FLOAT, 5).addi(0.5);
    INDArray beta = Nd4j.randn(DataType.FLOAT, 5);
    INDArray mean = Nd4j.create(DataType.FLOAT, 5);
    INDArray var = Nd4j.create(DataType.FLOAT, 5);
    BatchStatistics.compute(x, mean, var);
    INDArray expected = Nd4j.create(DataType.FLOAT, x.shape());
    Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(x, mean, var, gamma, beta)
        .addIntegerArguments(1, 1, 1).addFloatingPointArguments(EPS).addOutputs(expected).build());
    INDArray ours = Nd4j.create(DataType.FLOAT, x.shape());
    BatchNormTraining.normalize(x, mean, var, gamma, beta, EPS, ours);
    assertTrue(expected.sub(ours).amaxNumber().doubleValue() <= 1e-5 * expected.amaxNumber().doubleValue(),
        "within a float rounding of oneDNN's");
    INDArray plain = Nd4j.create(DataType.FLOAT, x.shape());
    BatchNormTraining.normalize(x, mean, var, null, null, EPS, plain);
    assertClose(plain.mul(gamma.reshape(1, 5, 1, 1)).addi(beta.reshape(1, 5, 1, 1)), ours, "gamma and beta");
  }

  @Test
  void takesOnlyDenseFloatActivations() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 5, 5);
    assertFalse(BatchNormTraining.handles(x, x.permute(0, 1, 3, 2)), "a transposed gradient");
    assertFalse(BatchNormTraining.handles(x.castTo(DataType.DOUBLE), x.castTo(DataType.DOUBLE)));
    assertFalse(BatchNormTraining.handles(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 3)),
        "dense batch norm stays on libnd4j's op");
    assertFalse(BatchNormTraining.handles(x, Nd4j.rand(DataType.FLOAT, 4, 3, 5, 4)));
  }

  private static INDArray[] libnd4j(INDArray x, INDArray g, INDArray mean, INDArray var, INDArray gamma, INDArray beta) {
    INDArray[] out = {Nd4j.create(DataType.FLOAT, x.shape()), Nd4j.create(DataType.FLOAT, 5),
        Nd4j.create(DataType.FLOAT, 5), Nd4j.create(DataType.FLOAT, 5), Nd4j.create(DataType.FLOAT, 5)};
    Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp").addInputs(x, mean, var, gamma, beta, g)
        .addIntegerArguments(1, 1, 1).addFloatingPointArguments(EPS).addOutputs(out).build());
    return new INDArray[] {out[0], out[3], out[4]};
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    double scale = expected.amaxNumber().doubleValue();
    double diff = expected.sub(actual).amaxNumber().doubleValue();
    assertTrue(diff <= 1e-4 * scale, what + ": off by " + diff + " of " + scale);
  }
}
