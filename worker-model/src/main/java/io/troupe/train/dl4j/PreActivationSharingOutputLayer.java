package io.troupe.train.dl4j;

import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's output layer, computing its pre-activation once a training step instead of twice. A step's
 * backprop computes {@code input x W + b}, and the score right after it computes the same product of the
 * same arrays again (DL4J keeps nothing between them): 2.4% of the MLP benchmark's loop with the bias
 * broadcast. This one copies backprop's pre-activation into an array it keeps (neither the loss's
 * gradient nor its score writes into it) and hands it to the score, once, when the input is the same
 * array. For softmax with cross-entropy, unweighted and unmasked, the score is summed here in double from
 * that pre-activation ({@link SoftmaxCrossEntropy}) instead of by ND4J's softmax, clip, log, multiply and
 * sum (2.6% of the loop): the reported loss may differ from DL4J's in its seventh digit; the weights are
 * DL4J's to the bit (tested). The configuration stays DL4J's {@code OutputLayer}, so saved models are
 * plain DL4J.
 */
public final class PreActivationSharingOutputLayer extends OutputLayer {
  private INDArray keptInput;
  private INDArray keptPreActivation;
  /** How many scores reused backprop's pre-activation, and how many were summed here (for the tests). */
  long reused;
  long scoresSummed;

  private PreActivationSharingOutputLayer(OutputLayer original) {
    super(original.conf(), original.getDataType());
    LayerSwap.inherit(original, this);
  }

  /**
   * Replaces a plain output layer (no weight noise) at the top of {@code net}, before the network has an
   * updater. @return how many layers it replaced, 0 or 1
   */
  public static int install(MultiLayerNetwork net) {
    int last = net.getnLayers() - 1;
    return LayerSwap.replaceEach(net, (i, layer) -> i == last && layer.getClass() == OutputLayer.class
        && ((OutputLayer) layer).layerConf().getWeightNoise() == null
        ? new PreActivationSharingOutputLayer((OutputLayer) layer) : null);
  }

  @Override
  protected INDArray preOutput2d(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (training && keptInput != null && keptInput == input) {
      keptInput = null; // used once: the parameters change after the score
      reused++;
      return keptPreActivation;
    }
    INDArray z = super.preOutput2d(training, workspaceMgr);
    if (training) {
      if (keptPreActivation == null || !Shape.shapeEquals(keptPreActivation.shape(), z.shape())
          || keptPreActivation.dataType() != z.dataType()) {
        keptPreActivation = z.detach(); // outside any workspace: the score runs in another scope
      } else {
        keptPreActivation.assign(z);
      }
      keptInput = input;
    } else {
      keptInput = null;
    }
    return z;
  }

  /**
   * DL4J's {@code BaseOutputLayer.computeScore} (M2.1), summing the loss itself where it can. It does not
   * record {@code fullNetRegTerm} in DL4J's private field, which only the layer's own (unused)
   * {@code computeGradientAndScore} reads.
   */
  /** DL4J's, with plain dropout's mask drawn and applied in one SIMD pass ({@link SimdDropout}). */
  @Override
  protected void applyDropOutIfNecessary(boolean training, LayerWorkspaceMgr workspaceMgr) {
    INDArray dropped = SimdDropout.applyIfTaken(training && !dropoutApplied, layerConf().getIDropout(), input,
        inputModificationAllowed, getIterationCount(), getEpochCount(), workspaceMgr);
    if (dropped == null) {
      super.applyDropOutIfNecessary(training, workspaceMgr);
      return;
    }
    input = dropped;
    dropoutApplied = true;
  }

  /** DL4J's {@code BaseLayer.calcRegularizationScore}, with L2 terms from {@link L2Score}. */
  @Override
  public double calcRegularizationScore(boolean backpropParamsOnly) {
    return L2Score.ofLayer(paramTable(), layerConf(), getIterationCount(), getEpochCount());
  }

  @Override
  public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (input == null || labels == null || maskArray != null || !softmaxCrossEntropy()) {
      return super.computeScore(fullNetRegTerm, training, workspaceMgr);
    }
    INDArray z = preOutput2d(training, workspaceMgr);
    if (z.rank() != 2 || !Simd.dense(z) || !Simd.dense(labels) || !Shape.shapeEquals(z.shape(), labels.shape())) {
      return super.computeScore(fullNetRegTerm, training, workspaceMgr); // computes z again: odd layouts only
    }
    double clip = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
    double score = SoftmaxCrossEntropy.sum(Simd.bytes(z), Simd.bytes(labels), (int) z.rows(), (int) z.columns(), clip);
    if (conf().isMiniBatch()) {
      score /= getInputMiniBatchSize();
    }
    this.score = score + fullNetRegTerm;
    scoresSummed++;
    return this.score;
  }

  /** DL4J's multi-class cross-entropy (or its negative log-likelihood subclass) on softmax, unweighted. */
  private boolean softmaxCrossEntropy() {
    return layerConf().getActivationFn() instanceof ActivationSoftmax
        && layerConf().getLossFn() instanceof LossMCXENT loss && loss.getWeights() == null;
  }

  @Override
  public void clear() {
    super.clear();
    keptInput = null;
  }
}
