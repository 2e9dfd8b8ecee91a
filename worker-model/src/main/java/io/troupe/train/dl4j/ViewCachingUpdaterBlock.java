package io.troupe.train.dl4j;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.L2Regularization;
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
 *
 * <p>Where the block's updater is {@link VectorizedAdam} and its parameters have no pre-update
 * regularization but L2, the L2 term and, when {@link MinibatchDivisionInBlocks} hands it over, the
 * division by the minibatch are done in Adam's own pass ({@link VectorizedAdam#applyFused}): DL4J
 * makes a pass over the gradient for each. Same operations, same order, same bits (tested).
 */
public final class ViewCachingUpdaterBlock extends UpdaterBlock {
  private long gradientAddress = -1;
  private long paramsAddress = -1;
  private long viewedLength = -1;
  private INDArray[] paramViews;
  private INDArray[] gradientViews;
  private ByteBuffer[] paramBytes;
  private INDArray blockGradientView;
  /** Block steps done in Adam's pass, and those of them that also divided by the minibatch (for tests). */
  static final LongAdder FUSED_STEPS = new LongAdder();
  static final LongAdder DIVIDED_IN_ADAM = new LongAdder();
  /** The minibatch size the next step's gradient is still to be divided by (1: divided already). */
  private int pendingDivisor = 1;
  /** Each parameter's L2 term when it is its only pre-update regularization, else null (fixed by config). */
  private final L2Regularization[] l2Before;
  /** Whether no parameter has a pre-update regularization other than a lone L2 (fixed by config). */
  private final boolean onlyL2Before;

  private ViewCachingUpdaterBlock(UpdaterBlock original) {
    super(original.getParamOffsetStart(), original.getParamOffsetEnd(), original.getUpdaterViewOffsetStart(),
        original.getUpdaterViewOffsetEnd(), original.getLayersAndVariablesInBlock());
    setUpdaterView(original.getUpdaterView());
    setGradientView(original.getGradientView());
    setUpdaterViewRequiresInitialization(original.isUpdaterViewRequiresInitialization());
    setGradientUpdater(original.getGradientUpdater());
    List<ParamState> states = getLayersAndVariablesInBlock();
    l2Before = new L2Regularization[states.size()];
    boolean onlyL2 = true;
    for (int i = 0; i < states.size(); i++) {
      List<Regularization> before = regularizations(states.get(i), Regularization.ApplyStep.BEFORE_UPDATER);
      if (before.size() == 1 && before.get(0).getClass() == L2Regularization.class) {
        l2Before[i] = (L2Regularization) before.get(0);
      } else if (!before.isEmpty()) {
        onlyL2 = false;
      }
    }
    onlyL2Before = onlyL2;
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

  /**
   * Whether this block can divide its gradient by the minibatch in Adam's pass: its updater is
   * {@link VectorizedAdam} and each parameter's only pre-update regularization, if any, is L2.
   */
  boolean fusesDivision() {
    return onlyL2Before && getGradientUpdater() instanceof VectorizedAdam;
  }

  /** Hands this block the next step's division by the minibatch, which the updater then skips. */
  void divideNextStepBy(int minibatchSize) {
    pendingDivisor = minibatchSize;
  }

  @Override
  public void updateExternalGradient(int iteration, int epoch, INDArray fullNetworkGradientView,
      INDArray fullNetworkParamsArray) {
    int divisor = pendingDivisor;
    pendingDivisor = 1;
    if (fullNetworkParamsArray == null || !fusesDivision()) {
      if (divisor != 1) { // handed over but not fusable after all: divide as DL4J's updater would have
        INDArray flat = fullNetworkGradientView.reshape(fullNetworkGradientView.length());
        for (ParamState p : getLayersAndVariablesInBlock()) {
          if (dividedByMinibatch(p)) {
            flat.get(NDArrayIndex.interval(p.getParamOffsetStart(), p.getParamOffsetEnd())).divi(divisor);
          }
        }
      }
      super.updateExternalGradient(iteration, epoch, fullNetworkGradientView, fullNetworkParamsArray);
      return;
    }
    if (getLayersAndVariablesInBlock().get(0).getLayer().numParams() == 0) {
      return; // as DL4J's block
    }
    refreshViews(fullNetworkGradientView, fullNetworkParamsArray);
    List<ParamState> states = getLayersAndVariablesInBlock();
    List<VectorizedAdam.Stretch> stretches = new ArrayList<>(states.size());
    for (int i = 0; i < states.size(); i++) {
      ParamState p = states.get(i);
      L2Regularization l2 = l2Before[i];
      stretches.add(new VectorizedAdam.Stretch(p.getParamOffsetStart() - getParamOffsetStart(),
          p.getParamOffsetEnd() - p.getParamOffsetStart(), dividedByMinibatch(p) ? divisor : 1,
          l2 == null ? 0f : (float) l2.getL2().valueAt(iteration, epoch), paramBytes[i]));
    }
    ((VectorizedAdam) getGradientUpdater()).applyFused(blockGradientView, iteration, epoch, stretches);
    FUSED_STEPS.increment();
    if (divisor != 1) {
      DIVIDED_IN_ADAM.increment();
    }
    Reference.reachabilityFence(paramViews); // their memory stays ours until the kernel is done (Simd.bytes)
    applyRegularizationAllVariables(Regularization.ApplyStep.POST_UPDATER, iteration, epoch, true,
        fullNetworkGradientView, fullNetworkParamsArray);
  }

  private static boolean dividedByMinibatch(ParamState p) {
    return p.getLayer().updaterDivideByMinibatch(p.getParamName());
  }

  private static List<Regularization> regularizations(ParamState p, Regularization.ApplyStep step) {
    List<Regularization> all = p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
    List<Regularization> atStep = new ArrayList<>();
    if (all != null) {
      for (Regularization r : all) {
        if (r.applyStep() == step) {
          atStep.add(r);
        }
      }
    }
    return atStep;
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
    paramBytes = new ByteBuffer[states.size()];
    // Views of arrays that live outside any workspace, kept across steps: made outside them too.
    try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray flatParams = params.reshape(params.length());
      INDArray flatGradients = gradients.reshape(gradients.length());
      for (int i = 0; i < states.size(); i++) {
        ParamState s = states.get(i);
        paramViews[i] = flatParams.get(NDArrayIndex.interval(s.getParamOffsetStart(), s.getParamOffsetEnd()));
        gradientViews[i] = flatGradients.get(NDArrayIndex.interval(s.getParamOffsetStart(), s.getParamOffsetEnd()));
        paramBytes[i] = Simd.available() ? Simd.bytes(paramViews[i]) : null; // an interval of a flat array: flat
      }
      blockGradientView = flatGradients.get(NDArrayIndex.interval(getParamOffsetStart(), getParamOffsetEnd()));
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
