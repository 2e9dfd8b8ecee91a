package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The division by the minibatch and the L2 term done in Adam's pass: against DL4J's own passes before
 * {@link VectorizedAdam}, to the bit.
 */
class MinibatchDivisionInBlocksTest {
  private static final DataSet DATA = Nets.floatClassification(80, 21);

  @Test
  void divisionAndL2InAdamsPassAreBitIdenticalToDl4jsPasses() {
    MultiLayerConfiguration conf = classifier(builder().l2(1e-2).l2Bias(1e-3).weightDecay(1e-3));
    MultiLayerNetwork theirs = dl4jPasses(conf);
    MultiLayerNetwork ours = net(conf);
    assertEquals(1, ViewCachingUpdaterBlock.install(ours));
    assertEquals(1, VectorizedAdam.install(ours));
    assertTrue(MinibatchDivisionInBlocks.install(ours), "the block takes the division");
    assertInstanceOf(MinibatchDivisionInBlocks.class, ours.getUpdater());
    long divided = ViewCachingUpdaterBlock.DIVIDED_IN_ADAM.sum();
    assertSameTraining(theirs, ours);
    assertEquals(25, ViewCachingUpdaterBlock.DIVIDED_IN_ADAM.sum() - divided, "each step divided in Adam's pass");
  }

  @Test
  void l2InAdamsPassAloneIsBitIdenticalToo() {
    // Without the updater swap (a graph's updater, say) the block still folds L2 into Adam's pass.
    MultiLayerConfiguration conf = classifier(builder().l2(5e-2));
    MultiLayerNetwork theirs = dl4jPasses(conf);
    MultiLayerNetwork ours = net(conf);
    ViewCachingUpdaterBlock.install(ours);
    VectorizedAdam.install(ours);
    long fused = ViewCachingUpdaterBlock.FUSED_STEPS.sum();
    long divided = ViewCachingUpdaterBlock.DIVIDED_IN_ADAM.sum();
    assertSameTraining(theirs, ours);
    assertEquals(25, ViewCachingUpdaterBlock.FUSED_STEPS.sum() - fused, "each step's L2 in Adam's pass");
    assertEquals(divided, ViewCachingUpdaterBlock.DIVIDED_IN_ADAM.sum(), "DL4J's updater divided");
  }

  @Test
  void batchNormStatisticsAreNotDividedAndStillMatch() {
    // Batch norm's running mean and variance are "gradients" DL4J never divides by the minibatch.
    MultiLayerConfiguration conf = builder().l2(1e-2).list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.IDENTITY).build())
        .layer(new BatchNormalization.Builder().nOut(16).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(3).activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork theirs = dl4jPasses(conf);
    MultiLayerNetwork ours = net(conf);
    ViewCachingUpdaterBlock.install(ours);
    VectorizedAdam.install(ours);
    assertTrue(MinibatchDivisionInBlocks.install(ours));
    long divided = ViewCachingUpdaterBlock.DIVIDED_IN_ADAM.sum();
    assertSameTraining(theirs, ours);
    assertTrue(ViewCachingUpdaterBlock.DIVIDED_IN_ADAM.sum() - divided >= 25, "divided in Adam's pass");
  }

  @Test
  void gradientNormalizationKeepsDl4jsDivision() {
    // DL4J clips between dividing and updating: the division must come first, in its own pass.
    MultiLayerConfiguration conf = classifier(builder().l2(1e-2)
        .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue).gradientNormalizationThreshold(0.01));
    MultiLayerNetwork theirs = dl4jPasses(conf);
    MultiLayerNetwork ours = net(conf);
    ViewCachingUpdaterBlock.install(ours);
    VectorizedAdam.install(ours);
    assertFalse(MinibatchDivisionInBlocks.install(ours));
    assertEquals(MultiLayerUpdater.class, ours.getUpdater().getClass());
    assertSameTraining(theirs, ours);
  }

  @Test
  void withoutTheVectorAdamTheBlocksKeepDl4jsDivision() {
    MultiLayerNetwork net = net(classifier(builder().l2(1e-2)));
    ViewCachingUpdaterBlock.install(net);
    assertFalse(MinibatchDivisionInBlocks.install(net), "DL4J's Adam cannot take the division");
  }

  @Test
  void aBlockHandedTheDivisionThatCannotFuseDividesAsDl4jWould() {
    // Its updater is not VectorizedAdam (swapped after the hand-over, say): DL4J's divide, then its block.
    MultiLayerConfiguration conf = classifier(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
        .updater(new org.nd4j.linalg.learning.config.Sgd(0.1)).l2(1e-2).weightInit(WeightInit.XAVIER));
    MultiLayerNetwork theirs = net(conf);
    MultiLayerNetwork ours = net(conf);
    ViewCachingUpdaterBlock.install(ours);
    ViewCachingUpdaterBlock block = (ViewCachingUpdaterBlock) ((MultiLayerUpdater) ours.getUpdater(true))
        .getUpdaterBlocks().get(0);
    assertFalse(block.fusesDivision());
    INDArray gradient = Nd4j.rand(DataType.FLOAT, 1, theirs.numParams()).subi(0.5);
    INDArray theirGradient = gradient.dup().divi(80);
    ((MultiLayerUpdater) theirs.getUpdater(true)).getUpdaterBlocks().get(0)
        .updateExternalGradient(0, 0, theirGradient, theirs.params());
    INDArray ourGradient = gradient.dup();
    block.divideNextStepBy(80);
    block.updateExternalGradient(0, 0, ourGradient, ours.params());
    assertEquals(theirGradient, ourGradient);
    assertEquals(0.0, theirGradient.sub(ourGradient).norm1Number().doubleValue(), 0.0, "to the bit");
  }

  @Test
  void aSavedNetworkHasDl4jsUpdaterAndContinuesExactly() throws Exception {
    MultiLayerConfiguration conf = classifier(builder().l2(1e-2));
    MultiLayerNetwork straight = fused(conf);
    fitSeeded(straight, 10, 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(straight, bytes, true);
    fitSeeded(straight, 10, 2);

    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
    assertEquals(MultiLayerUpdater.class, restored.getUpdater(true).getClass(), "plain DL4J in the file");
    ViewCachingUpdaterBlock.install(restored);
    VectorizedAdam.install(restored);
    assertTrue(MinibatchDivisionInBlocks.install(restored));
    fitSeeded(restored, 10, 2);
    assertEquals(straight.params(), restored.params());
    assertEquals(straight.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
  }

  /** DL4J's blocks and divide, with {@link VectorizedAdam}: what Troupe trained with before. */
  private static MultiLayerNetwork dl4jPasses(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = net(conf);
    assertTrue(VectorizedAdam.install(net) > 0);
    return net;
  }

  private static MultiLayerNetwork fused(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = net(conf);
    ViewCachingUpdaterBlock.install(net);
    VectorizedAdam.install(net);
    assertTrue(MinibatchDivisionInBlocks.install(net));
    return net;
  }

  private static void assertSameTraining(MultiLayerNetwork theirs, MultiLayerNetwork ours) {
    INDArray start = theirs.params().dup();
    fitSeeded(theirs, 25, 17);
    fitSeeded(ours, 25, 17);
    assertEquals(theirs.params(), ours.params());
    assertEquals(0.0, theirs.params().sub(ours.params()).norm1Number().doubleValue(), 0.0, "to the bit");
    assertEquals(theirs.getUpdater().getStateViewArray(), ours.getUpdater().getStateViewArray());
    assertEquals(theirs.score(), ours.score(), 0.0);
    assertTrue(start.sub(ours.params()).norm2Number().doubleValue() > 1e-2, "the networks trained");
  }

  private static void fitSeeded(MultiLayerNetwork net, int steps, long seed) {
    Nets.fitSeeded(net, DATA, steps, seed);
  }

  private static NeuralNetConfiguration.Builder builder() {
    // Learning rate on a schedule, so each step's rate reaches the fused pass too.
    return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
        .updater(new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.95))).weightInit(WeightInit.XAVIER);
  }

  private static MultiLayerConfiguration classifier(NeuralNetConfiguration.Builder b) {
    return Nets.droppingClassifier(b);
  }

  private static MultiLayerNetwork net(MultiLayerConfiguration conf) {
    return Nets.initialised(conf);
  }
}
