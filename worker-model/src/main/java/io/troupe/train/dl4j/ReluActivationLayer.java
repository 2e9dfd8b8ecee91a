package io.troupe.train.dl4j;

import java.lang.ref.Reference;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * DL4J's activation layer for a plain ReLU, training in one SIMD pass each way ({@link ReluKernel}).
 * DL4J's copies its input and applies the ReLU in place going forward, and going back copies the input
 * again, runs libnd4j's {@code relu_bp} (a scalar lambda per element) and copies the result once more:
 * 12% of the CNN benchmark's loop, after each batch norm. The numbers are the same to the bit
 * (tested), inference is DL4J's own, and the configuration stays DL4J's {@code ActivationLayer}, so
 * saved models are plain DL4J.
 */
public final class ReluActivationLayer extends ActivationLayer {
  /** Training passes (forward and backward) that ran on the kernel, for the tests. */
  long simdPasses;

  private ReluActivationLayer(ActivationLayer original) {
    super(original.conf(), original.getDataType());
    LayerSwap.inherit(original, this);
  }

  /**
   * Replaces each activation layer of {@code net} whose function is a plain ReLU (no cap, threshold or
   * slope), where the JVM has the SIMD lanes and before the network has an updater.
   * @return how many layers it replaced
   */
  public static int install(MultiLayerNetwork net) {
    if (!Simd.available()) {
      return 0;
    }
    return LayerSwap.replaceEach(net, (i, layer) -> layer.getClass() == ActivationLayer.class
        && plainRelu(((ActivationLayer) layer).layerConf().getActivationFn())
        ? new ReluActivationLayer((ActivationLayer) layer) : null);
  }

  /** A ReLU with no cap, threshold or slope: what the kernel computes. */
  static boolean plainRelu(IActivation fn) {
    return fn instanceof ActivationReLU relu && relu.getMax() == null && relu.getThreshold() == null
        && relu.getNegativeSlope() == null;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!training || !Simd.dense(input)) {
      return super.activate(training, workspaceMgr);
    }
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
    ReluKernel.forward(Simd.bytes(input), Simd.bytes(out), (int) input.length());
    simdPasses++;
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!kernelTakes(input, epsilon)) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
    ReluKernel.backward(Simd.bytes(input), Simd.bytes(epsilon), Simd.bytes(out), (int) input.length());
    Reference.reachabilityFence(epsilon); // its memory stays ours until the kernel is done (Simd.bytes)
    simdPasses++;
    return new Pair<>(new DefaultGradient(), out);
  }

  /** Whether {@link ReluKernel#backward} takes this input and gradient: both dense, of one shape. */
  static boolean kernelTakes(INDArray x, INDArray g) {
    return Simd.dense(x) && Simd.dense(g) && Shape.shapeEquals(x.shape(), g.shape());
  }
}
