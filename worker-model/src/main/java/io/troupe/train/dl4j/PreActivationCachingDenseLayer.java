package io.troupe.train.dl4j;

import io.troupe.model.NativeBackend;
import java.lang.ref.Reference;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer, keeping its pre-activation from the forward pass for backprop. DL4J's own layer
 * computes {@code input x W + b} again in {@code backpropGradient}: a whole forward GEMM a layer a step,
 * 15% of the MLP benchmark's training loop at batch 128 and 17% at 512. This one keeps a copy of the
 * pre-activation of the last training forward pass (the activation function overwrites the original in
 * place) and hands it to backprop when the input is the same array; otherwise it computes as DL4J does.
 * The configuration stays DL4J's {@code DenseLayer}, so saved models are plain DL4J models; reusing
 * changes no number (tested), since the same product of the same arrays is reused, not redone.
 *
 * <p>The network's first layer also skips the gradient for its input, {@code W x delta^T}, which
 * {@code MultiLayerNetwork} computes and then discards when it fits (PyTorch does not compute it for an
 * input that needs no gradient): for a 784-input MLP that is over a quarter of all GEMM work a step.
 * That layer returns no input gradient, as DL4J's embedding layer does; Troupe never asks a network it
 * trains for one.
 *
 * <p>In training its products run on {@link OneDnnGemm}: on oneDNN's kernels where
 * {@link NativeBackend#denseForwardOnOneDnn()} and {@link NativeBackend#denseBackpropOnOneDnn()} say (then they differ from DL4J's in the last float digits, the
 * same from run to run), else on DL4J's OpenBLAS with the bias added in SIMD lanes, DL4J's numbers to the
 * bit. Inference is always DL4J's, so a trained network scores exactly as its saved model does.
 *
 * <p>Its L2 term in the score is summed by {@link L2Score}, in double (DL4J's float chain was 4.6% of
 * the loop): the reported loss may differ from DL4J's in its sixth digit; the weights do not.
 *
 * <p>{@link #install} swaps the runtime layer objects of a built network, before its updater exists;
 * layers with layer norm or weight noise, and networks that are not layer stacks, keep DL4J's.
 */
public final class PreActivationCachingDenseLayer extends DenseLayer {
  private INDArray keptInput;
  private INDArray keptPreActivation;
  /** True for the first layer when no preprocessor stands before it: its input gradient is discarded. */
  private final boolean inputGradientUnused;
  /** How many backprops reused a kept pre-activation (what the tests check the speed-up by). */
  long reused;
  /** How many backprops skipped the input gradient. */
  long inputGradientsSkipped;

  private PreActivationCachingDenseLayer(DenseLayer original, boolean inputGradientUnused) {
    super(original.conf(), original.getDataType());
    this.inputGradientUnused = inputGradientUnused;
    LayerSwap.inherit(original, this);
  }

  /**
   * Replaces each plain dense layer of {@code net} (already initialised) with one that keeps its
   * pre-activation. Not once the network has an updater (a restored checkpoint's), whose blocks hold
   * the layer objects they were made with: such a network keeps DL4J's layers.
   * @return how many layers it replaced
   */
  public static int install(MultiLayerNetwork net) {
    boolean noPreprocessorFirst = net.getLayerWiseConfigurations().getInputPreProcess(0) == null;
    return LayerSwap.replaceEach(net, (i, layer) -> layer.getClass() == DenseLayer.class
        && !((DenseLayer) layer).hasLayerNorm() && ((DenseLayer) layer).layerConf().getWeightNoise() == null
        ? new PreActivationCachingDenseLayer((DenseLayer) layer, i == 0 && noPreprocessorFirst) : null);
  }

  @Override
  protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
      LayerWorkspaceMgr workspaceMgr) {
    if (forBackprop && keptPreActivation != null && keptInput == input) {
      INDArray z = keptPreActivation;
      reused++;
      forget(); // used once: backprop's activation derivative may overwrite it
      return new Pair<>(z, z);
    }
    // Training only: inference stays DL4J's, so a trained network scores as its restored copy does.
    Pair<INDArray, INDArray> computed = training && inputFitsWeights()
        ? trainingPreOutput(training, forBackprop, workspaceMgr)
        : super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
    if (training && !forBackprop) {
      // Activations live in a workspace open until backprop ends; the copy lives beside them.
      keptPreActivation = workspaceMgr.dup(ArrayType.ACTIVATIONS, computed.getFirst());
      keptInput = input;
    } else {
      forget();
    }
    return computed;
  }

  /**
   * DL4J's {@code BaseLayer.preOutputWithPreNorm} (M2.1) for a layer without layer norm or weight noise,
   * the same ops in the same order, with the product and the bias in one {@link OneDnnGemm} call (on
   * OpenBLAS: DL4J's product, and its bias add in SIMD lanes).
   */
  private Pair<INDArray, INDArray> trainingPreOutput(boolean training, boolean forBackprop,
      LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(forBackprop);
    applyDropOutIfNecessary(training, workspaceMgr);
    INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
    INDArray bias = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr);
    INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(),
        input.size(0), weights.size(1));
    OneDnnGemm.gemmPlusBias(input.castTo(z.dataType()), weights, hasBias() ? bias : null, z);
    if (maskArray != null) {
      applyMask(z);
    }
    return new Pair<>(z, z);
  }

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

  /** Else DL4J's own path, which throws its own message for a wrong input. */
  private boolean inputFitsWeights() {
    return input != null && input.rank() == 2
        && input.columns() == getParam(DefaultParamInitializer.WEIGHT_KEY).rows();
  }

  /**
   * DL4J's {@code BaseLayer.backpropGradient} (M2.1) for a layer without layer norm or weight noise, the
   * same ops in the same order, with the products on {@link OneDnnGemm}, less the input gradient where
   * nobody reads it.
   */
  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
    INDArray delta = activationGradient(z, epsilon);
    if (maskArray != null) {
      applyMask(delta);
    }
    Gradient gradient = new DefaultGradient();
    if (hasBias()) {
      INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      OneDnnGemm.sumColumns(delta, biasGrad);
      gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
    }
    INDArray epsilonNext = inputGradientUnused ? null : inputGradient(delta, workspaceMgr);
    INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    OneDnnGemm.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false);
    gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
    weightNoiseParams.clear();
    if (epsilonNext != null) {
      return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }
    IDropout dropout = layerConf().getIDropout();
    if (dropout != null) {
      dropout.clear(); // what its backprop would have done last: the mask is not needed again
    }
    inputGradientsSkipped++;
    return new Pair<>(gradient, null);
  }

  /**
   * The activation's backprop, written into {@code z} as DL4J's does: a plain ReLU in one SIMD pass
   * ({@link ReluKernel}, the same bits as libnd4j's {@code relu_bp}), any other function by DL4J.
   */
  private INDArray activationGradient(INDArray z, INDArray epsilon) {
    IActivation fn = layerConf().getActivationFn();
    if (Simd.available() && ReluActivationLayer.plainRelu(fn) && ReluActivationLayer.kernelTakes(z, epsilon)) {
      ReluKernel.backward(Simd.bytes(z), Simd.bytes(epsilon), Simd.bytes(z), (int) z.length());
      Reference.reachabilityFence(epsilon); // its memory stays ours until the kernel is done (Simd.bytes)
      return z;
    }
    return fn.backprop(z, epsilon).getFirst();
  }

  /** {@code delta x W^T}, made as DL4J makes it: {@code W x delta^T} into an 'f' array, transposed. */
  private INDArray inputGradient(INDArray delta, LayerWorkspaceMgr workspaceMgr) {
    INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
    INDArray transposed = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
        new long[] {weights.size(0), delta.size(0)}, 'f');
    OneDnnGemm.gemm(weights, delta, transposed, false, true);
    return transposed.transpose();
  }

  /** DL4J's {@code BaseLayer.calcRegularizationScore}, with L2 terms from {@link L2Score}. */
  @Override
  public double calcRegularizationScore(boolean backpropParamsOnly) {
    return L2Score.ofLayer(paramTable(), layerConf(), getIterationCount(), getEpochCount());
  }

  @Override
  public void clear() {
    super.clear();
    forget();
  }

  private void forget() {
    keptPreActivation = null;
    keptInput = null;
  }
}
