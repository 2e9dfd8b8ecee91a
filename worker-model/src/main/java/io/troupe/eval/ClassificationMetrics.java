package io.troupe.eval;

import io.troupe.data.Dataset;
import io.troupe.data.Task;
import java.util.Objects;

/**
 * How good a classifier's probabilities are on a labelled set. All are means over examples.
 *
 * @param accuracy fraction of examples whose {@link Predictions#predictedClass} is the label
 *     (ties go to the lowest class index), in [0, 1]
 * @param nll negative log-likelihood in nats: mean of -ln(max(p_label, 1e-12)); 0 is perfect,
 *     ln C for a uniform guess over C classes
 * @param brier mean over examples of sum over classes of (p_k - [k = label])^2, in [0, 2]
 * @param ece expected calibration error with 15 equal-width confidence bins ((m-1)/15, m/15],
 *     confidence = the largest probability: sum over bins of |bin|/n x |accuracy(bin) -
 *     mean confidence(bin)|, in [0, 1]
 * @param macroF1 unweighted mean F1 over the classes that occur in the labels or the
 *     predictions; a class with no true positive scores 0; in [0, 1]
 */
public record ClassificationMetrics(double accuracy, double nll, double brier, double ece,
    double macroF1) {
  /** NLL floor: a confidently wrong example costs at most -ln(1e-12) ~ 27.6 nats. */
  public static final double MIN_PROBABILITY = 1e-12;
  /** ECE bin count, the usual choice since Guo et al. 2017. */
  public static final int ECE_BINS = 15;
  /** How far a row's probabilities may sum away from 1 (float32 softmax rounding). */
  public static final double SUM_TOLERANCE = 1e-3;

  public ClassificationMetrics {
    requireIn("accuracy", accuracy, 0, 1);
    requireIn("nll", nll, 0, Double.MAX_VALUE);
    requireIn("brier", brier, 0, Double.MAX_VALUE);
    requireIn("ece", ece, 0, 1);
    requireIn("macroF1", macroF1, 0, 1);
  }

  /**
   * Metrics of {@code p} against {@code labels[i]}, the class of row i.
   *
   * @throws IllegalArgumentException if the counts differ or are 0, a label is outside
   *     [0, p.columns()), or a row is not a probability distribution (values in [0, 1] summing
   *     to 1 within {@link #SUM_TOLERANCE})
   */
  public static ClassificationMetrics of(Predictions p, int[] labels) {
    validate(p, labels);
    return new ClassificationMetrics(accuracy(p, labels), nll(p, labels), brier(p, labels),
        ece(p, labels), macroF1(p, labels));
  }

  /** Metrics of {@code p} against the labels of classification dataset {@code d}. */
  public static ClassificationMetrics of(Predictions p, Dataset d) {
    Objects.requireNonNull(p, "predictions");
    Objects.requireNonNull(d, "dataset");
    if (d.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException(d.name() + " is not a classification dataset");
    }
    if (d.size() != p.rows() || d.numClasses() != p.columns()) {
      throw new IllegalArgumentException("predictions are " + p.rows() + " x " + p.columns()
          + " but " + d.name() + " has " + d.size() + " examples of " + d.numClasses()
          + " classes");
    }
    int[] labels = new int[d.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = d.label(i);
    }
    return of(p, labels);
  }

  /** The share of rows whose most probable class is the label: what the full metrics compute, alone. */
  public static double accuracy(Predictions p, int[] labels) {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += p.predictedClass(i) == labels[i] ? 1 : 0;
    }
    return (double) correct / labels.length;
  }

  private static double nll(Predictions p, int[] labels) {
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      sum -= Math.log(Math.max(p.probability(i, labels[i]), MIN_PROBABILITY));
    }
    return sum / labels.length;
  }

  private static double brier(Predictions p, int[] labels) {
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      for (int k = 0; k < p.columns(); k++) {
        double d = p.probability(i, k) - (k == labels[i] ? 1 : 0);
        sum += d * d;
      }
    }
    return sum / labels.length;
  }

  private static double ece(Predictions p, int[] labels) {
    // Per bin, sum of (correct - confidence); |sum| / n is that bin's |B|/n x |acc - conf|.
    double[] gap = new double[ECE_BINS];
    for (int i = 0; i < labels.length; i++) {
      int predicted = p.predictedClass(i);
      double confidence = p.probability(i, predicted);
      gap[bin(confidence)] += (predicted == labels[i] ? 1 : 0) - confidence;
    }
    double sum = 0;
    for (double g : gap) {
      sum += Math.abs(g);
    }
    return sum / labels.length;
  }

  /** Bin m-1 holds confidences in ((m-1)/15, m/15]; 0 goes to the first bin. */
  static int bin(double confidence) {
    int b = (int) Math.ceil(confidence * ECE_BINS) - 1;
    return Math.max(0, Math.min(ECE_BINS - 1, b));
  }

  private static double macroF1(Predictions p, int[] labels) {
    int c = p.columns();
    int[] truePositives = new int[c];
    int[] predicted = new int[c];
    int[] actual = new int[c];
    for (int i = 0; i < labels.length; i++) {
      int k = p.predictedClass(i);
      predicted[k]++;
      actual[labels[i]]++;
      truePositives[k] += k == labels[i] ? 1 : 0;
    }
    double sum = 0;
    int present = 0;
    for (int k = 0; k < c; k++) {
      if (predicted[k] + actual[k] > 0) {
        present++;
        // F1 = 2TP / (2TP + FP + FN) = 2TP / (predicted + actual); 0 when TP = 0.
        sum += 2.0 * truePositives[k] / (predicted[k] + actual[k]);
      }
    }
    return sum / present;
  }

  private static void validate(Predictions p, int[] labels) {
    Objects.requireNonNull(p, "predictions");
    Objects.requireNonNull(labels, "labels");
    if (p.rows() != labels.length) {
      throw new IllegalArgumentException("predictions have " + p.rows() + " rows but there are "
          + labels.length + " labels");
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("no examples: metrics of an empty set are undefined");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= p.columns()) {
        throw new IllegalArgumentException("label " + labels[i] + " of row " + i
            + " is outside [0, " + p.columns() + ")");
      }
      requireDistribution(p, i);
    }
  }

  private static void requireDistribution(Predictions p, int row) {
    double sum = 0;
    for (int k = 0; k < p.columns(); k++) {
      float v = p.probability(row, k);
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("row " + row + ": probability of class " + k
            + " is " + v + ", outside [0, 1]");
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException("row " + row + ": probabilities sum to " + sum
          + ", not 1");
    }
  }

  private static void requireIn(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(name + " = " + value + " is outside [" + min + ", "
          + max + "]");
    }
  }
}
