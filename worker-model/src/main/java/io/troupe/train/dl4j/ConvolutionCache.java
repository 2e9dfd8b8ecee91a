package io.troupe.train.dl4j;

import io.troupe.model.NativeBackend;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Turns on DL4J's own cache of convolution pre-activations for training. DL4J's
 * {@code ConvolutionLayer.backpropGradient} runs the layer's forward convolution again to backprop its
 * activation, unless the network's cache mode is other than {@code NONE}: then each training forward
 * pass keeps a copy of the pre-activation in the activations workspace, which stays open through
 * backprop, and backprop reads it (7.5% of the CNN benchmark's loop went to the second convolution).
 * The same product of the same arrays is reused, so the numbers do not change (tested bit for bit).
 * The price is memory: one more copy of each convolution's output a training step (19 MB for the
 * benchmark CNN at batch 128).
 *
 * <p>The cache mode is part of DL4J's configuration, so a saved model records it; it changes how a
 * network trains, never what it computes, and DL4J without Troupe reads it.
 */
public final class ConvolutionCache {
  private ConvolutionCache() {}

  /**
   * Sets cache mode {@code DEVICE} (host memory on the CPU backend) on a network that has convolution
   * layers and no cache mode of its own.
   * @return whether it set it
   */
  public static boolean enable(Model model) {
    boolean hasConvolution = Arrays.stream(NativeBackend.layersOf(model)).anyMatch(l -> l instanceof ConvolutionLayer);
    if (!hasConvolution) {
      return false;
    }
    if (model instanceof MultiLayerNetwork stack && unset(stack.getLayerWiseConfigurations().getCacheMode())) {
      stack.getLayerWiseConfigurations().setCacheMode(CacheMode.DEVICE); // the network's workspaces read this
      stack.setCacheMode(CacheMode.DEVICE); // and each layer reads its own copy
      return true;
    }
    if (model instanceof ComputationGraph graph && unset(graph.getConfiguration().getCacheMode())) {
      graph.getConfiguration().setCacheMode(CacheMode.DEVICE);
      graph.setCacheMode(CacheMode.DEVICE);
      return true;
    }
    return false;
  }

  private static boolean unset(CacheMode mode) {
    return mode == null || mode == CacheMode.NONE;
  }
}
