package io.troupe.driver.data;

import java.io.Serializable;

/**
 * One example as Spark hands it to the driver: its features as floats and its label (a class
 * index or a real target) as a double. A bean, so Spark's encoder fills a primitive float[]
 * straight from its own array memory, with no boxed value per feature.
 */
public final class LabeledRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private float[] features;
  private double label;

  public LabeledRow() {}

  public LabeledRow(float[] features, double label) {
    this.features = features;
    this.label = label;
  }

  public float[] getFeatures() {
    return features;
  }

  public void setFeatures(float[] features) {
    this.features = features;
  }

  public double getLabel() {
    return label;
  }

  public void setLabel(double label) {
    this.label = label;
  }
}
