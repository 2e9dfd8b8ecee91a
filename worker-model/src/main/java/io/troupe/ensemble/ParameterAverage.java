package io.troupe.ensemble;

import java.util.Arrays;
import io.troupe.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise mean of several networks' parameters, added one network at a time so only
 * one member is in memory besides the running sum. Members must share the architecture: same
 * parameter count and the same shape for every parameter. Batch-norm running statistics are
 * parameters in DL4J and get averaged too, but they no longer describe the averaged weights:
 * re-estimate them afterwards ({@link io.troupe.train.BatchNormRefresher}).
 *
 * <p>Parameter averaging only works for members that stay close in parameter space (snapshots of
 * one run, SWA); independently initialised members are permutations of each other and their
 * average is the seeds' negative control.
 */
public final class ParameterAverage {
  private Network template;
  private INDArray sum;
  private int count;

  public ParameterAverage add(Network member) {
    if (template == null) {
      template = member;
      sum = member.params().castTo(DataType.DOUBLE).dup();
    } else {
      requireSameArchitecture(member);
      sum.addi(member.params().castTo(DataType.DOUBLE));
    }
    count++;
    return this;
  }

  /** A new average holding these members plus {@code member}; this one is unchanged. */
  public ParameterAverage with(Network member) {
    ParameterAverage copy = new ParameterAverage();
    copy.template = template;
    copy.sum = sum == null ? null : sum.dup();
    copy.count = count;
    return copy.add(member);
  }

  public int count() {
    return count;
  }

  /** A new network (a copy of the first member) holding the mean parameters. */
  public Network result() {
    if (count == 0) {
      throw new IllegalStateException("no members added");
    }
    Network averaged = template.copy();
    averaged.setParams(sum.div(count).castTo(template.params().dataType()));
    return averaged;
  }

  private void requireSameArchitecture(Network member) {
    var expected = template.paramTable();
    var actual = member.paramTable();
    if (!expected.keySet().equals(actual.keySet())) {
      throw new IllegalArgumentException("cannot average networks with different parameters: "
          + expected.keySet() + " vs " + actual.keySet());
    }
    for (var e : expected.entrySet()) {
      if (!Arrays.equals(e.getValue().shape(), actual.get(e.getKey()).shape())) {
        throw new IllegalArgumentException("cannot average networks whose parameter " + e.getKey() + " has shape "
            + Arrays.toString(e.getValue().shape()) + " vs " + Arrays.toString(actual.get(e.getKey()).shape()));
      }
    }
  }
}
