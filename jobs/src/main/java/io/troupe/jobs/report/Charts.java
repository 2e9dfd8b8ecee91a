package io.troupe.jobs.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

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
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
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
