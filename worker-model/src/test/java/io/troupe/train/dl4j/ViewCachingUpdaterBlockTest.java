package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class ViewCachingUpdaterBlockTest {
  private static final DataSet DATA = Nets.floatClassification(80, 21);

  @Test
  void l2BeforeTheUpdaterIsBitIdenticalToDl4jsBlocks() {
    assertSameTraining(builder(new Adam(0.01)).l2(1e-2).l2Bias(1e-3), 1);
  }

  @Test
  void l1AndWeightDecayAfterTheUpdaterAreBitIdenticalToo() {
    assertSameTraining(builder(new Nesterovs(0.05, 0.9)).l1(1e-3).weightDecay(1e-2, true), 1);
  }

  @Test
  void eachBlockOfANetworkWithSeveralUpdatersIsReplaced() {
    // Different updaters per layer make separate blocks; the last layer has no regularization at all.
    NeuralNetConfiguration.Builder b = builder(new Adam(0.01)).l2(1e-2);
    MultiLayerConfiguration conf = b.list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(12).activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nIn(12).nOut(6).activation(Activation.TANH).updater(new Sgd(0.1)).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(3).activation(Activation.SOFTMAX)
            .l2(0.0).updater(new Nesterovs(0.02, 0.8)).build())
        .build();
    assertSameTraining(conf, 3);
  }

  @Test
  void aSavedNetworkHasPlainDl4jBlocksAndContinuesExactly() throws Exception {
    MultiLayerConfiguration conf = classifier(builder(new Adam(0.01)).l2(1e-2).weightDecay(1e-3));
    MultiLayerNetwork straight = net(conf);
    assertEquals(1, ViewCachingUpdaterBlock.install(straight));
    fitSeeded(straight, 10, 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(straight, bytes, true);
    fitSeeded(straight, 10, 2);

    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
    assertEquals(UpdaterBlock.class, blocks(restored).get(0).getClass());
    assertEquals(1, ViewCachingUpdaterBlock.install(restored));
    assertEquals(0, ViewCachingUpdaterBlock.install(restored), "installed once: a second call finds nothing to replace");
    fitSeeded(restored, 10, 2);
    assertEquals(straight.params(), restored.params());
  }

  @Test
  void parametersSetFromOutsideAreWhatTheNextStepRegularizes() {
    // Snapshots and averaging write new values into the network's parameters between steps.
    MultiLayerConfiguration conf = classifier(builder(new Adam(0.01)).l2(5e-2));
    INDArray replacement = Nd4j.rand(DataType.FLOAT, 1, net(conf).numParams()).subi(0.5);
    MultiLayerNetwork theirs = net(conf);
    fitSeeded(theirs, 5, 1);
    theirs.setParams(replacement);
    fitSeeded(theirs, 5, 2);
    MultiLayerNetwork ours = net(conf);
    ViewCachingUpdaterBlock.install(ours);
    fitSeeded(ours, 5, 1);
    ours.setParams(replacement);
    fitSeeded(ours, 5, 2);
    assertEquals(theirs.params(), ours.params());
  }

  @Test
  void flatArraysInOtherMemoryGetViewsOfTheirOwn() {
    // DL4J 1.0.0-M2.1 keeps a network's flat arrays for its life, but a block must not rely on it.
    MultiLayerNetwork net = net(classifier(builder(new Sgd(0.1)).l2(0.5)));
    ViewCachingUpdaterBlock.install(net);
    ViewCachingUpdaterBlock block = (ViewCachingUpdaterBlock) blocks(net).get(0);
    INDArray params = Nd4j.rand(DataType.FLOAT, 1, net.numParams());
    INDArray first = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
    INDArray second = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
    block.applyRegularizationAllVariables(Regularization.ApplyStep.BEFORE_UPDATER, 0, 0, true, first, params);
    INDArray afterFirst = first.dup();
    block.applyRegularizationAllVariables(Regularization.ApplyStep.BEFORE_UPDATER, 0, 0, true, second, params);
    assertTrue(afterFirst.norm1Number().doubleValue() > 0, "L2 added 0.5 x params to the weights' gradients");
    assertEquals(afterFirst, second, "the second gradient array got the same L2 term");
    assertEquals(afterFirst, first, "and the first was left alone");
  }

  private static void assertSameTraining(NeuralNetConfiguration.Builder b, int blocks) {
    assertSameTraining(classifier(b), blocks);
  }

  private static void assertSameTraining(MultiLayerConfiguration conf, int blocks) {
    MultiLayerNetwork theirs = net(conf);
    INDArray start = theirs.params().dup();
    fitSeeded(theirs, 25, 17);
    MultiLayerNetwork ours = net(conf);
    assertEquals(blocks, ViewCachingUpdaterBlock.install(ours));
    blocks(ours).forEach(b -> assertInstanceOf(ViewCachingUpdaterBlock.class, b));
    fitSeeded(ours, 25, 17);
    assertEquals(theirs.params(), ours.params());
    assertEquals(theirs.getUpdater().getStateViewArray(), ours.getUpdater().getStateViewArray());
    assertEquals(theirs.score(), ours.score(), 0.0);
    assertTrue(start.sub(ours.params()).norm2Number().doubleValue() > 1e-2, "the networks trained");
  }

  private static void fitSeeded(MultiLayerNetwork net, int steps, long seed) {
    Nets.fitSeeded(net, DATA, steps, seed);
  }

  private static NeuralNetConfiguration.Builder builder(IUpdater updater) {
    return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(updater)
        .weightInit(WeightInit.XAVIER);
  }

  private static MultiLayerConfiguration classifier(NeuralNetConfiguration.Builder b) {
    return Nets.droppingClassifier(b);
  }

  private static MultiLayerNetwork net(MultiLayerConfiguration conf) {
    return Nets.initialised(conf);
  }

  private static List<UpdaterBlock> blocks(MultiLayerNetwork net) {
    return ((BaseMultiLayerUpdater<?>) net.getUpdater(true)).getUpdaterBlocks();
  }
}
