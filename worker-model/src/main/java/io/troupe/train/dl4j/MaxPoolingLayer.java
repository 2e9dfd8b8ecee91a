package io.troupe.train.dl4j;

import java.lang.ref.Reference;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * DL4J's subsampling layer for 2x2 max pooling at stride 2 (NCHW, even height and width), training on
 * {@link MaxPoolKernel}. Where oneDNN has no JIT kernel for plain NCHW pooling (AVX2 machines) libnd4j's
 * {@code maxpool2d} runs oneDNN's reference loop, 34 ms for a [128, 32, 28, 28] input against 3-5 ms
 * here, and its {@code maxpool2d_bp} pools forward again before scattering the gradient (54 ms against
 * 4.5 ms): 46% of the CNN benchmark's loop on an AMD EPYC machine. Forward keeps each window's maximum
 * position for backprop. The numbers are DL4J's to the bit for finite inputs, ties included (tested);
 * inference stays DL4J's, and the configuration stays DL4J's {@code SubsamplingLayer}, so saved models
 * are plain DL4J.
 */
public final class MaxPoolingLayer extends SubsamplingLayer {
  private final MaxPoolKernel.Scratch scratch = new MaxPoolKernel.Scratch();
  /** The input whose window positions {@link #scratch} holds. */
  private INDArray pooledInput;
  /** Training passes (forward and backward) that ran on the kernel, for the tests. */
  long simdPasses;

  private MaxPoolingLayer(SubsamplingLayer original) {
    super(original.conf(), original.getDataType());
    LayerSwap.inherit(original, this);
  }

  /**
   * Replaces each subsampling layer of {@code net} that pools 2x2 maxima at stride 2 over NCHW input,
   * where the JVM has the SIMD lanes and before the network has an updater.
   * @return how many layers it replaced
   */
  public static int install(MultiLayerNetwork net) {
    if (!Simd.available()) {
      return 0;
    }
    return LayerSwap.replaceEach(net, (i, layer) -> layer.getClass() == SubsamplingLayer.class
        && pairwiseMax(((SubsamplingLayer) layer).layerConf()) ? new MaxPoolingLayer((SubsamplingLayer) layer) : null);
  }

  /** 2x2 max windows at stride 2 with no padding or dilation, over NCHW: what the kernel computes. */
  static boolean pairwiseMax(org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf) {
    int[] two = {2, 2};
    return conf.getPoolingType() == PoolingType.MAX && Arrays.equals(conf.getKernelSize(), two)
        && Arrays.equals(conf.getStride(), two) && Arrays.equals(conf.getDilation(), new int[] {1, 1})
        && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
        && (conf.getConvolutionMode() == ConvolutionMode.Same
            || Arrays.equals(conf.getPadding(), new int[] {0, 0}));
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!training || !kernelTakes(input)) {
      pooledInput = null;
      return super.activate(training, workspaceMgr);
    }
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), pooled(input.shape()), 'c');
    MaxPoolKernel.forward(Simd.bytes(input), (int) input.length(), (int) input.size(3), Simd.bytes(out), scratch);
    pooledInput = input;
    simdPasses++;
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    // No input (DL4J's own error then) or not the one the kernel pooled: DL4J's layer.
    if (input == null || pooledInput != input || !Simd.dense(epsilon)
        || !Shape.shapeEquals(epsilon.shape(), pooled(input.shape()))) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    INDArray dx = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c'); // zeroed
    MaxPoolKernel.backward(Simd.bytes(epsilon), (int) input.length(), (int) input.size(3), scratch, Simd.bytes(dx));
    Reference.reachabilityFence(epsilon); // its memory stays ours until the kernel is done (Simd.bytes)
    simdPasses++;
    return new Pair<>(new DefaultGradient(), dx);
  }

  @Override
  public void clear() {
    super.clear();
    pooledInput = null;
  }

  /** The output shape for an NCHW input: height and width halved. */
  private static long[] pooled(long[] nchw) {
    return new long[] {nchw[0], nchw[1], nchw[2] / 2, nchw[3] / 2};
  }

  /** Rank 4, dense, with even height and width, and small enough for the kernel's int indexes. */
  private static boolean kernelTakes(INDArray x) {
    return Simd.dense(x) && x.rank() == 4 && x.size(2) % 2 == 0 && x.size(3) % 2 == 0 && x.size(3) > 0;
  }
}
