package io.troupe.jobs.report;

import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** How the ensemble's score grows with its size: one line per strategy and combiner. */
final class MembersCurveSection {
  private MembersCurveSection() {}

  static Section of(MembersCurve curve) {
    String name = curve.metric().name();
    XYChart chart = Charts.xy(name + " of the ensemble of the first k members", "members (k)", name);
    chart.getStyler().setXAxisDecimalPattern("0");
    for (Map.Entry<String, List<MembersCurve.Point>> e : curve.series().entrySet()) {
      double[] k = e.getValue().stream().mapToDouble(MembersCurve.Point::members).toArray();
      double[] score = e.getValue().stream().mapToDouble(MembersCurve.Point::score).toArray();
      chart.addSeries(e.getKey(), k, score);
    }
    String description = "The " + curve.metric().described() + " of the ensemble made of its first k members, "
        + "k = 1..M: where a line flattens, more members stop paying for themselves.";
    return new Section("members", "Ensemble size (" + MembersCurve.FILE + ")", description,
        Html.chart(chart, name + " against number of members"), 1);
  }
}
