package io.troupe.train.dl4j;

import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's updater block, with its per-parameter views made once instead of at every step.
 *
 * <p>Before and after the updater, DL4J's {@link UpdaterBlock} visits every parameter of the block
 * for L1/L2/weight decay, and for each it reshapes the network's flat parameter and gradient arrays
 * and cuts a view out of each: four new arrays per parameter, twice a step, even for a step (the
 * post-updater one, without weight decay) that applies nothing. Each new array carries native
 * buffers that the collector and ND4J's deallocator threads must later chase. This block skips the
 * parameters with nothing to apply and keeps the views of the others while the flat arrays stay
 * the same memory, which they are for a network's life. The regularization itself is DL4J's own
 * call on the same views, so the numbers are bit-identical (tested).
 */
public final class ViewCachingUpdaterBlock extends UpdaterBlock {
  private long gradientAddress = -1;
  private long paramsAddress = -1;
  private long viewedLength = -1;
  private INDArray[] paramViews;
  private INDArray[] gradientViews;

  private ViewCachingUpdaterBlock(UpdaterBlock original) {
    super(original.getParamOffsetStart(), original.getParamOffsetEnd(), original.getUpdaterViewOffsetStart(),
        original.getUpdaterViewOffsetEnd(), original.getLayersAndVariablesInBlock());
    setUpdaterView(original.getUpdaterView());
    setGradientView(original.getGradientView());
    setUpdaterViewRequiresInitialization(original.isUpdaterViewRequiresInitialization());
    setGradientUpdater(original.getGradientUpdater());
  }

  /**
   * Replaces each of the network's updater blocks by one of these over the same state and updater.
   *
   * @return the number of blocks replaced
   */
  public static int install(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net) {
    Updater updater = net.getUpdater(true);
    return updater instanceof BaseMultiLayerUpdater<?> layered ? install(layered) : 0;
  }

  /** The same for any network's updater (a layer stack's or a graph's). */
  public static int install(BaseMultiLayerUpdater<?> layered) {
    List<UpdaterBlock> blocks = layered.getUpdaterBlocks();
    int replaced = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).getClass() == UpdaterBlock.class) {
        blocks.set(i, new ViewCachingUpdaterBlock(blocks.get(i)));
        replaced++;
      }
    }
    return replaced;
  }

  @Override
  protected void applyRegularizationAllVariables(Regularization.ApplyStep step, int iteration, int epoch,
      boolean externalGradient, INDArray fullNetworkGradientView, INDArray fullNetworkParamsArray) {
    if (!externalGradient || fullNetworkParamsArray == null) {
      super.applyRegularizationAllVariables(step, iteration, epoch, externalGradient, fullNetworkGradientView,
          fullNetworkParamsArray);
      return;
    }
    List<ParamState> states = getLayersAndVariablesInBlock();
    double lr = Double.NaN;
    for (int i = 0; i < states.size(); i++) {
      ParamState p = states.get(i);
      if (!appliesAt(step, p)) {
        continue;
      }
      if (Double.isNaN(lr)) {
        // As DL4J's block: one rate for the whole block, this step's.
        lr = getGradientUpdater().getConfig().hasLearningRate()
            ? getGradientUpdater().getConfig().getLearningRate(iteration, epoch) : 1.0;
      }
      refreshViews(fullNetworkGradientView, fullNetworkParamsArray);
      applyRegularization(step, p.getLayer(), p.getParamName(), gradientViews[i], paramViews[i], iteration, epoch, lr);
    }
  }

  private static boolean appliesAt(Regularization.ApplyStep step, ParamState p) {
    List<Regularization> regularizations = p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
    if (regularizations != null) {
      for (Regularization r : regularizations) {
        if (r.applyStep() == step) {
          return true;
        }
      }
    }
    return false;
  }

  /** The views DL4J's block would cut, made again only when the flat arrays are other memory. */
  private void refreshViews(INDArray gradients, INDArray params) {
    long g = address(gradients);
    long p = address(params);
    if (g == gradientAddress && p == paramsAddress && params.length() == viewedLength) {
      return;
    }
    List<ParamState> states = getLayersAndVariablesInBlock();
    paramViews = new INDArray[states.size()];
    gradientViews = new INDArray[states.size()];
    // Views of arrays that live outside any workspace, kept across steps: made outside them too.
    try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray flatParams = params.reshape(params.length());
      INDArray flatGradients = gradients.reshape(gradients.length());
      for (int i = 0; i < states.size(); i++) {
        ParamState s = states.get(i);
        paramViews[i] = flatParams.get(NDArrayIndex.interval(s.getParamOffsetStart(), s.getParamOffsetEnd()));
        gradientViews[i] = flatGradients.get(NDArrayIndex.interval(s.getParamOffsetStart(), s.getParamOffsetEnd()));
      }
    }
    gradientAddress = g;
    paramsAddress = p;
    viewedLength = params.length();
  }

  /** Where an array's first element is: the same for two arrays over the same memory. */
  private static long address(INDArray a) {
    return a.data().address() + a.offset() * a.data().getElementSize();
  }
}
