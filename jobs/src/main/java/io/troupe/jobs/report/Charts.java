package io.troupe.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts of one size and look, encoded as PNG {@code data:} URIs so the report is a single
 * file. Drawn off-screen: works on machines without a display.
 */
final class Charts {
  /** Every chart's size in pixels. */
  static final int WIDTH = 860;
  static final int HEIGHT = 460;

  /** Colours that stay apart when printed in grey too (Okabe-Ito, then darker extras). */
  static final Color[] PALETTE = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
      new Color(204, 121, 167), new Color(86, 180, 233), new Color(213, 94, 0), new Color(240, 228, 66),
      new Color(0, 0, 0), new Color(120, 94, 240), new Color(100, 143, 255), new Color(128, 128, 128)};

  static {
    // Servers and Spark nodes have no display; AWT must not look for one.
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  static XYChart xy(String title, String xTitle, String yTitle) {
    return xy(title, xTitle, yTitle, WIDTH, HEIGHT);
  }

  /** A chart of its own size: small panels side by side. */
  static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    style(chart.getStyler());
    return chart;
  }

  static CategoryChart bars(String title, String xTitle, String yTitle) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    style(chart.getStyler());
    return chart;
  }

  /** Where the first of n categories' axis starts; it ends at {@link #categoryAxisMax}. */
  static final double CATEGORY_AXIS_MIN = -0.55;

  static double categoryAxisMax(int n) {
    return n - 0.45;
  }

  /**
   * Labels for categories placed at 0..n-1 on a numeric axis from {@link #CATEGORY_AXIS_MIN} to
   * {@link #categoryAxisMax}: each category's name at its position, blank between. XChart widens
   * its tick step until the labels of its ticks are distinct, so the blanks between categories make
   * it step one category at a time; ticks at or beyond the axis's ends (never drawn) read as their
   * numbers, or it would widen forever (and it draws no labels at all when the ends read alike).
   */
  static Function<Double, String> categoryLabels(List<String> names) {
    int n = names.size();
    return v -> {
      if (v <= CATEGORY_AXIS_MIN || v >= categoryAxisMax(n)) {
        return String.valueOf(v);
      }
      long i = Math.round(v);
      return Math.abs(v - i) < 1e-9 && i >= 0 && i < n ? names.get((int) i) : "";
    };
  }

  /**
   * A log x axis over [min, max]: labels at every decade when it spans two or more (in-between
   * labels would run into each other), else at the values between too.
   */
  static void logX(XYChart chart, double min, double max) {
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setXAxisLogarithmicDecadeOnly(max / min >= 100);
  }

  /** A curve as a line with a dot per point, or null (nothing added) when it is empty. */
  static XYSeries line(XYChart chart, String name, TrialHistory.Curve curve, Color color, BasicStroke style) {
    if (curve.isEmpty()) {
      return null;
    }
    XYSeries series = chart.addSeries(name, curve.epochs(), curve.values());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setLineStyle(style);
    series.setMarker(SeriesMarkers.CIRCLE);
    return series;
  }

  static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /** The chart as {@code data:image/png;base64,...}. */
  static String dataUri(Chart<?, ?> chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the chart \"" + chart.getTitle() + "\" as PNG", e);
    }
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendBorderColor(Color.LIGHT_GRAY);
    styler.setSeriesColors(PALETTE);
    styler.setAntiAlias(true);
    styler.setMarkerSize(7);
  }
}
