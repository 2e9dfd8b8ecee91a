package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam, as DL4J's {@link AdamUpdater} computes it, in SIMD lanes ({@link AdamKernel}). DL4J's native
 * Adam is one scalar loop with a square root and a division per parameter: a quarter of the MLP
 * benchmark's training loop, about 1.7 ms a step for 235,146 parameters, against about 0.2 ms here.
 * It works on DL4J's own state arrays and changes nothing in the configuration, so a saved model is
 * plain DL4J Adam and loads and continues in DL4J without Troupe. It needs the JVM flag
 * {@code --add-modules=jdk.incubator.vector} (the launcher and executors get it); without it, or for
 * state it cannot treat as one flat float buffer, DL4J's Adam stays.
 */
public final class VectorizedAdam implements GradientUpdater<Adam> {
  private final Adam config;
  private final INDArray m;
  private final INDArray v;
  private final ByteBuffer mBytes;
  private final ByteBuffer vBytes;
  private INDArray lastGradient;
  private ByteBuffer gradientBytes;

  private VectorizedAdam(Adam config, INDArray m, INDArray v) {
    this.config = config;
    this.m = m;
    this.v = v;
    this.mBytes = Simd.bytes(m);
    this.vBytes = Simd.bytes(v);
  }

  /** Whether this JVM can run the vector kernel (it was started with {@code --add-modules=jdk.incubator.vector}). */
  public static boolean available() {
    return Simd.available();
  }

  /**
   * Replaces DL4J's Adam in each of the network's updater blocks by this one, over the same state.
   * Blocks with other updaters, or with state arrays this class cannot treat as flat, keep theirs.
   *
   * @return the number of blocks replaced
   */
  public static int install(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net) {
    Updater updater = net.getUpdater(true);
    return updater instanceof BaseMultiLayerUpdater<?> layered ? install(layered) : 0;
  }

  /** The same for any network's updater (a layer stack's or a graph's). */
  public static int install(BaseMultiLayerUpdater<?> layered) {
    if (!Simd.available()) {
      return 0;
    }
    int replaced = 0;
    for (UpdaterBlock block : layered.getUpdaterBlocks()) {
      if (block.getGradientUpdater() instanceof AdamUpdater adam && Simd.flat(adam.getM()) && Simd.flat(adam.getV())) {
        block.setGradientUpdater(new VectorizedAdam(adam.getConfig(), adam.getM(), adam.getV()));
        replaced++;
      }
    }
    return replaced;
  }

  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    checkGradient(gradient);
    AdamKernel.step(gradientBytes, mBytes, vBytes, Math.toIntExact(gradient.length()), (float) config.getBeta1(),
        (float) config.getBeta2(), (float) config.getEpsilon(), stepSize(iteration, epoch));
  }

  /**
   * One stretch of a block's gradient for {@link #applyFused}: {@code length} values from {@code offset}
   * in the block, divided by {@code divisor} (1: not), then plus {@code l2} times {@code params} (0: none;
   * params then may be null), which holds this stretch's parameters from its start.
   */
  record Stretch(int offset, int length, float divisor, float l2, ByteBuffer params) {}

  /**
   * This step on a gradient that DL4J's updater has not yet divided by the minibatch nor given its L2
   * term: both done in the same pass as Adam, stretch by stretch, with the operations and the order
   * DL4J's divide, {@code Axpy} and {@link #applyUpdater} would use (the same bits, tested).
   */
  void applyFused(INDArray gradient, int iteration, int epoch, List<Stretch> stretches) {
    checkGradient(gradient);
    float stepSize = stepSize(iteration, epoch);
    for (Stretch s : stretches) {
      AdamKernel.stepFused(gradientBytes, mBytes, vBytes, s.offset(), s.length(), s.divisor(), s.params(), s.l2(),
          (float) config.getBeta1(), (float) config.getBeta2(), (float) config.getEpsilon(), stepSize);
    }
  }

  private void checkGradient(INDArray gradient) {
    if (gradient.length() != m.length() || !Simd.flat(gradient)) {
      throw new IllegalStateException("gradient of " + gradient.length() + " values for Adam state of " + m.length());
    }
    if (gradient != lastGradient) { // DL4J passes the same block view every step
      gradientBytes = Simd.bytes(gradient);
      lastGradient = gradient;
    }
  }

  /** This step's rate with Adam's bias correction folded in, exactly as DL4J's kernel does it. */
  private float stepSize(int iteration, int epoch) {
    double epsilon = config.getEpsilon();
    double stepSize = config.getLearningRate(iteration, epoch) * Math.sqrt(1 - Math.pow(config.getBeta2(), iteration + 1))
        / (1 - Math.pow(config.getBeta1(), iteration + 1));
    if (Double.isNaN(stepSize) || Double.isInfinite(stepSize) || stepSize == 0) {
      stepSize = epsilon;
    }
    return (float) stepSize;
  }

  @Override
  public Adam getConfig() {
    return config;
  }

  @Override
  public Map<String, INDArray> getState() {
    return Map.of(AdamUpdater.M_STATE, m, AdamUpdater.V_STATE, v);
  }

  @Override
  public void setState(Map<String, INDArray> stateMap, boolean initialize) {
    m.assign(stateMap.get(AdamUpdater.M_STATE));
    v.assign(stateMap.get(AdamUpdater.V_STATE));
  }

  @Override
  public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
    throw new UnsupportedOperationException("VectorizedAdam works on the state DL4J's AdamUpdater was given; install it after init");
  }
}
