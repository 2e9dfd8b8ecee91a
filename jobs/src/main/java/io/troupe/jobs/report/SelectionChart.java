package io.troupe.jobs.report;

import io.troupe.driver.ensemble.SweepSelection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Greedy ensemble selection step by step: what each added member does to the ensemble's test
 * figure (and, when the objective is validation accuracy, to the figure it chose on), beside the
 * best single trial's test figure. The y axis spans the data, not 0..1: the gains are a point or two.
 */
public final class SelectionChart {
  private SelectionChart() {}

  /**
   * @param validationIsComparable whether the steps' validation objective is on the test figure's
   *     scale (accuracy), so both can share an axis
   */
  public static byte[] png(List<SweepSelection.Step> steps, String testFigure, double bestTrialTest,
      boolean validationIsComparable) {
    XYChart chart = Charts.xy("Greedy ensemble selection", "members (with repeats)", testFigure);
    double[] x = steps.stream().mapToDouble(SweepSelection.Step::members).toArray();
    if (validationIsComparable) {
      chart.addSeries("validation (chosen on)", x, steps.stream().mapToDouble(SweepSelection.Step::validation).toArray())
          .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
    chart.addSeries("test", x, steps.stream().mapToDouble(SweepSelection.Step::test).toArray())
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    double first = x.length == 0 ? 0 : x[0];
    double last = x.length == 0 ? 1 : x[x.length - 1];
    chart.addSeries("best trial, test", new double[] {first, last}, new double[] {bestTrialTest, bestTrialTest})
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not draw the selection chart", e);
    }
  }
}
