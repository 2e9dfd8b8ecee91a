package io.troupe.api;

import io.troupe.model.NetworkShape;
import java.io.Serializable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a network takes its input. Troupe's data holds each example as one flat row (images in
 * channel, row, column order); a layout turns a mini-batch of rows into the array the network's
 * input wants, and names the DL4J {@link InputType} a configuration should declare for it.
 *
 * <ul>
 *   <li>{@link #feedForward()}: [batch, features], as stored (no copy).
 *   <li>{@link #convolutional()}: images as [batch, channels, height, width] (a view, no copy), from
 *       image data; {@link #convolutional(int, int, int)} reads any flat rows as images of that size.
 *   <li>{@link #recurrent(int)}: sequences as [batch, features per step, time steps], from rows that
 *       hold the time steps one after another (as an array column of t * f values does).
 * </ul>
 */
public final class InputLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The three kinds of input DL4J layers take. */
  public enum Kind { FEED_FORWARD, CONVOLUTIONAL, RECURRENT }

  private final Kind kind;
  // 0 means "from the data" until fitTo fills them in.
  private final int height;
  private final int width;
  private final int channels;
  private final int timeSteps;
  private final int features;

  private InputLayout(Kind kind, int height, int width, int channels, int timeSteps, int features) {
    this.kind = kind;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.timeSteps = timeSteps;
    this.features = features;
  }

  public static InputLayout feedForward() {
    return new InputLayout(Kind.FEED_FORWARD, 0, 0, 0, 0, 0);
  }

  /** Images in the data's own shape (data.source fashion-mnist, idx, or spark with data.spark.imageShape). */
  public static InputLayout convolutional() {
    return new InputLayout(Kind.CONVOLUTIONAL, 0, 0, 0, 0, 0);
  }

  /** Flat rows read as images of {@code height x width x channels} (channel-major, as Troupe stores images). */
  public static InputLayout convolutional(int height, int width, int channels) {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("image height, width and channels must be >= 1, got " + height + "x"
          + width + "x" + channels);
    }
    return new InputLayout(Kind.CONVOLUTIONAL, height, width, channels, 0, 0);
  }

  /** Flat rows read as {@code timeSteps} steps of (features / timeSteps) values each. */
  public static InputLayout recurrent(int timeSteps) {
    if (timeSteps < 1) {
      throw new IllegalArgumentException("time steps must be >= 1, got " + timeSteps);
    }
    return new InputLayout(Kind.RECURRENT, 0, 0, 0, timeSteps, 0);
  }

  public Kind kind() {
    return kind;
  }

  /**
   * This layout with its sizes taken from, and checked against, the data.
   *
   * @throws IllegalArgumentException naming what does not fit
   */
  public InputLayout fitTo(NetworkShape data) {
    int n = data.inputSize();
    return switch (kind) {
      case FEED_FORWARD -> new InputLayout(kind, 0, 0, 0, 0, n);
      case CONVOLUTIONAL -> {
        if (height == 0) {
          if (!data.isImage()) {
            throw new IllegalArgumentException("InputLayout.convolutional() needs image data, but each example is "
                + n + " flat features; give the image size with convolutional(height, width, channels)");
          }
          int[] s = data.inputShape();
          yield new InputLayout(kind, s[1], s[2], s[0], 0, n);
        }
        if ((long) height * width * channels != n) {
          throw new IllegalArgumentException("InputLayout.convolutional(" + height + ", " + width + ", " + channels
              + ") holds " + (long) height * width * channels + " values, but each example has " + n + " features");
        }
        yield new InputLayout(kind, height, width, channels, 0, n);
      }
      case RECURRENT -> {
        if (n % timeSteps != 0) {
          throw new IllegalArgumentException("InputLayout.recurrent(" + timeSteps + "): each example has " + n
              + " features, not a multiple of " + timeSteps + " time steps");
        }
        yield new InputLayout(kind, 0, 0, 0, timeSteps, n);
      }
    };
  }

  /** The DL4J input type of this layout; only after {@link #fitTo}. */
  public InputType inputType() {
    requireFitted();
    return switch (kind) {
      case FEED_FORWARD -> InputType.feedForward(features);
      case CONVOLUTIONAL -> InputType.convolutional(height, width, channels);
      case RECURRENT -> InputType.recurrent(features / timeSteps, timeSteps);
    };
  }

  /** A mini-batch of flat rows [batch, features] as the network's input; flat input is returned as is. */
  public INDArray arrange(INDArray rows) {
    return switch (kind) {
      case FEED_FORWARD -> rows;
      case CONVOLUTIONAL -> {
        requireFitted();
        yield rows.reshape('c', rows.size(0), channels, height, width);
      }
      case RECURRENT -> {
        requireFitted();
        // [batch, t, f] -> [batch, f, t]: DL4J's default recurrent format (NCW).
        yield rows.reshape('c', rows.size(0), timeSteps, features / timeSteps).permute(0, 2, 1).dup('c');
      }
    };
  }

  /** A mini-batch with its features arranged; flat input comes back as the same object. */
  public org.nd4j.linalg.dataset.DataSet arrange(org.nd4j.linalg.dataset.DataSet rows) {
    INDArray features = rows.getFeatures();
    INDArray arranged = arrange(features);
    return arranged == features ? rows : new org.nd4j.linalg.dataset.DataSet(arranged, rows.getLabels());
  }

  private void requireFitted() {
    if (features == 0) {
      throw new IllegalStateException("InputLayout " + kind + " has not been fitted to the data (fitTo)");
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case FEED_FORWARD -> "feed-forward" + (features > 0 ? " (" + features + " features)" : "");
      case CONVOLUTIONAL -> "convolutional" + (height > 0 ? " (" + height + "x" + width + "x" + channels + ")" : "");
      case RECURRENT -> "recurrent (" + timeSteps + " time steps" + (features > 0 ? " of " + features / timeSteps : "")
          + ")";
    };
  }
}
