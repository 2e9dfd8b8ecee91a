package io.troupe.train.dl4j;

import io.troupe.model.NativeBackend;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's oneDNN batch-norm helper with the batch's statistics from {@link BatchStatistics} and, for
 * NCHW activations, the backprop from {@link BatchNormTraining}. DL4J's {@link MKLDNNBatchNormHelper}
 * normalises and backpropagates in oneDNN but takes each training batch's mean and variance from
 * ND4J's generic reduction over three axes (15% of the CNN benchmark's loop), and libnd4j's backprop
 * adds the statistics' terms with generic broadcasts and reductions (a quarter of it). Here the
 * statistics are summed over contiguous planes, about 4x faster, and in training the normalisation is
 * one SIMD pass and the backprop two over the planes (oneDNN's and libnd4j's ops where the SIMD lanes
 * are missing, for dense batch norm, for other layouts, and for inference). Not bit-identical
 * to DL4J's helper: the sums run in another order (in double), so the statistics differ in the last
 * float digits (tested to 1e-5 relative) and the gradients to 1e-4 of the largest; every run with it
 * gives the same numbers.
 *
 * <p>{@link #install} sets it on each batch-norm layer that has DL4J's oneDNN helper, through the
 * layer's package-private {@code helper} field; the layers, their configuration and saved models stay
 * DL4J's own.
 */
public final class OneDnnBatchNormHelper implements BatchNormalizationHelper {
  private static final int[] RANK2_AXES = {0};
  private static final int[] NCHW_AXES = {0, 2, 3};
  private static final int[] NHWC_AXES = {0, 1, 2};

  private INDArray meanCache;
  private INDArray varCache;
  /**
   * Passes this helper ran to the end; DL4J falls back on its own code, with only a warning, when a
   * helper throws, so the tests check these.
   */
  long trainingPasses;
  long backwardPasses;
  /** Training forward and backward passes that ran on {@link BatchNormTraining}. */
  long simdForwardPasses;
  long simdBackwardPasses;

  /**
   * Puts this helper in place of DL4J's oneDNN one on each batch-norm layer of {@code model}; layers
   * with another helper, or none, are left alone.
   * @return how many layers it set
   */
  public static int install(Model model) {
    int set = 0;
    for (Layer layer : NativeBackend.layersOf(model)) {
      if (layer instanceof BatchNormalization bn && bn.getHelper() instanceof MKLDNNBatchNormHelper
          && replaceHelper(bn)) {
        set++;
      }
    }
    return set;
  }

  private static boolean replaceHelper(BatchNormalization bn) {
    try {
      Field helper = BatchNormalization.class.getDeclaredField("helper");
      helper.setAccessible(true);
      helper.set(bn, new OneDnnBatchNormHelper());
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // another DL4J version: the layer keeps DL4J's helper, slower but the same
    }
  }

  @Override
  public boolean checkSupported() {
    return true;
  }

  @Override
  public boolean checkSupported(double eps, boolean fixedGammaBeta) {
    return !fixedGammaBeta;
  }

  @Override
  public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
      INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
    if (x.dataType() != DataType.FLOAT) {
      return null; // oneDNN takes floats only: the layer computes it itself
    }
    int axis = channelAxis(x, format);
    INDArray m;
    INDArray v;
    if (training) {
      ensureCaches(x.dataType(), x.size(axis));
      if (axis == 1 && BatchStatistics.handles(x)) {
        BatchStatistics.compute(x, meanCache, varCache);
      } else {
        int[] axes = x.rank() == 2 ? RANK2_AXES : axis == 1 ? NCHW_AXES : NHWC_AXES;
        x.mean(meanCache, axes);
        Nd4j.exec(new Variance(x, varCache, false, axes));
      }
      m = meanCache;
      v = varCache;
    } else {
      m = mean.reshape(mean.length());
      v = var.reshape(var.length());
    }
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
    boolean affine = gamma != null && beta != null;
    if (training && axis == 1 && BatchNormTraining.handles(x, out)) {
      // Training only: inference stays oneDNN's, so a trained network scores as its restored copy does.
      BatchNormTraining.normalize(x, m, v, affine ? gamma : null, affine ? beta : null, eps, out);
      simdForwardPasses++;
    } else {
      // One addInputs call: the builder checks the op's minimum input count at each call.
      INDArray[] inputs = affine ? new INDArray[] {x, m, v, vector(gamma), vector(beta)} : new INDArray[] {x, m, v};
      Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(inputs)
          .addIntegerArguments(affine ? 1 : 0, affine ? 1 : 0, axis).addFloatingPointArguments(eps).addOutputs(out)
          .build());
    }
    if (training) {
      trainingPasses++;
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
      INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (input.dataType() != DataType.FLOAT) {
      return null;
    }
    if (!Shape.hasDefaultStridesForShape(epsilon)) {
      epsilon = epsilon.dup('c'); // oneDNN's batchnorm_bp reads it as laid out by default
    }
    INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape());
    if (channelAxis(input, format) == 1 && BatchNormTraining.handles(input, epsilon)) {
      BatchNormTraining.compute(input, epsilon, meanCache, varCache, gamma, eps, epsAtInput,
          dGammaView == null ? null : vector(dGammaView), dBetaView == null ? null : vector(dBetaView));
      simdBackwardPasses++;
    } else {
      backpropOnOneDnn(input, epsilon, gamma, beta, dGammaView, dBetaView, eps, format, epsAtInput, workspaceMgr);
    }
    backwardPasses++;
    Gradient g = new DefaultGradient();
    g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
    g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
    return new Pair<>(g, epsAtInput);
  }

  /** libnd4j's {@code batchnorm_bp} (oneDNN, then the statistics' terms in ND4J's generic ops). */
  private void backpropOnOneDnn(INDArray input, INDArray epsilon, INDArray gamma, INDArray beta, INDArray dGammaView,
      INDArray dBetaView, double eps, CNN2DFormat format, INDArray epsAtInput, LayerWorkspaceMgr workspaceMgr) {
    List<INDArray> inputs = new ArrayList<>(List.of(input, meanCache, varCache));
    if (gamma != null) {
      inputs.add(vector(gamma));
    }
    if (beta != null) {
      inputs.add(vector(beta));
    }
    inputs.add(epsilon);
    DynamicCustomOp op = DynamicCustomOp.builder("batchnorm_bp").addInputs(inputs.toArray(INDArray[]::new))
        .addIntegerArguments(gamma != null ? 1 : 0, beta != null ? 1 : 0, channelAxis(input, format))
        .addFloatingPointArguments(eps).build();
    op.setOutputArgument(0, epsAtInput);
    op.setOutputArgument(1, workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, meanCache.dataType(),
        meanCache.shape()));
    op.setOutputArgument(2, workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, meanCache.dataType(),
        meanCache.shape()));
    if (dGammaView != null) {
      op.setOutputArgument(3, vector(dGammaView));
      op.setOutputArgument(4, vector(dBetaView));
    }
    Nd4j.exec(op);
  }

  @Override
  public INDArray getMeanCache(DataType dataType) {
    return meanCache;
  }

  @Override
  public INDArray getVarCache(DataType dataType) {
    return varCache;
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Map.of();
  }

  /** The caches outlive any workspace: the layer reads them after the step's workspaces close. */
  private void ensureCaches(DataType type, long channels) {
    if (meanCache == null || meanCache.length() != channels) {
      try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        meanCache = Nd4j.createUninitialized(type, channels);
        varCache = Nd4j.createUninitialized(type, channels);
      }
    }
  }

  private static int channelAxis(INDArray x, CNN2DFormat format) {
    return x.rank() != 4 || format == CNN2DFormat.NCHW ? 1 : 3;
  }

  private static INDArray vector(INDArray a) {
    return a.rank() == 1 ? a : a.reshape(a.length());
  }
}
