package io.troupe.train.dl4j;

import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's layer-stack updater, except that it leaves the division of the gradient by the minibatch to
 * the updater blocks ({@link ViewCachingUpdaterBlock#divideNextStepBy}), which do it in Adam's pass.
 * DL4J divides the whole gradient in a pass of its own first (2% of the MLP benchmark's loop), and
 * cuts new views for it at every step.
 *
 * <p>It hands the division over only when nothing reads the gradient between the division and the
 * blocks (no layer has gradient normalization, which DL4J applies there), and every block holding a
 * divided parameter can take it; else it divides as DL4J does. The state array is the one the
 * network's updater had, so a saved model carries plain DL4J updater state.
 */
public final class MinibatchDivisionInBlocks extends MultiLayerUpdater {
  private MinibatchDivisionInBlocks(MultiLayerNetwork network, INDArray updaterState, List<UpdaterBlock> blocks) {
    super(network, updaterState);
    getUpdaterBlocks().clear();
    getUpdaterBlocks().addAll(blocks); // made only by install, once they were found able to divide
  }

  /**
   * Gives {@code net} this updater over its own updater's state and blocks, once those blocks are
   * {@link ViewCachingUpdaterBlock}s on {@link VectorizedAdam} (installed before this).
   *
   * @return whether the blocks now divide by the minibatch (else the network keeps DL4J's updater)
   */
  public static boolean install(MultiLayerNetwork net) {
    Updater current = net.getUpdater(true);
    if (current == null || current.getClass() != MultiLayerUpdater.class) {
      return false;
    }
    MultiLayerUpdater dl4j = (MultiLayerUpdater) current;
    List<UpdaterBlock> blocks = List.copyOf(dl4j.getUpdaterBlocks());
    if (!blocksCanDivide(net, blocks)) {
      return false;
    }
    net.setUpdater(new MinibatchDivisionInBlocks(net, dl4j.getStateViewArray(), blocks));
    return true;
  }

  private static boolean blocksCanDivide(MultiLayerNetwork net, List<UpdaterBlock> blocks) {
    for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
      if (layer.conf().getLayer() instanceof BaseLayer base && base.getGradientNormalization() != null
          && base.getGradientNormalization() != GradientNormalization.None) {
        return false;
      }
    }
    for (UpdaterBlock block : blocks) {
      if (block.isPretrainUpdaterBlock()) {
        return false; // skipped in some steps, where a handed-over division would wait for the next
      }
      boolean dividesSome = block.getLayersAndVariablesInBlock().stream()
          .anyMatch(p -> p.getLayer().updaterDivideByMinibatch(p.getParamName()));
      if (dividesSome && !(block instanceof ViewCachingUpdaterBlock own && own.fusesDivision())) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void divideByMinibatch(boolean isExternal, Gradient gradient, int batchSize) {
    // Blocks divide only on the external-gradient path, the one MultiLayerNetwork takes.
    if (!isExternal) {
      super.divideByMinibatch(isExternal, gradient, batchSize);
      return;
    }
    for (UpdaterBlock block : getUpdaterBlocks()) {
      if (block instanceof ViewCachingUpdaterBlock own) {
        own.divideNextStepBy(batchSize);
      }
    }
  }
}
