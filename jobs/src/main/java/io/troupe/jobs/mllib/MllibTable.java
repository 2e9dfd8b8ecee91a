package io.troupe.jobs.mllib;

import io.troupe.jobs.bench.BenchFigure;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark as text for stdout: every grid point on both sides, the picks, then the figures. */
public final class MllibTable {
  private MllibTable() {}

  public static String render(List<MllibPoint> points, GridRun troupe, GridRun mllib, List<BenchFigure> figures) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("%-8s | %-6s %-8s %-8s %-7s | %-7s %-5s %-8s %-8s %-7s | %s%n", "trial", "epochs", "val_acc",
        "test_acc", "s", "maxIter", "iters", "val_acc", "test_acc", "s", "params"));
    for (int i = 0; i < points.size(); i++) {
      MllibPoint p = points.get(i);
      GridScore t = troupe.scores().get(i);
      GridScore m = mllib.scores().get(i);
      s.append(String.format("%-8s | %-6d %-8s %-8s %-7s | %-7d %-5d %-8s %-8s %-7s | %s%n", p.trialId(), t.steps(),
          accuracy(t.valAccuracy()), accuracy(t.testAccuracy()), seconds(t.seconds()), p.maxIter(), m.steps(),
          accuracy(m.valAccuracy()), accuracy(m.testAccuracy()), seconds(m.seconds()), params(p.params())));
    }
    s.append("best on validation: Troupe ").append(pick(troupe)).append("; MLlib ").append(pick(mllib)).append('\n');
    s.append(String.format("%-36s %-10s %-10s %-13s %s%n", "figure", "Troupe", "MLlib", "Troupe/MLlib", "Troupe-MLlib"));
    for (BenchFigure f : figures) {
      s.append(String.format("%-36s %-10s %-10s %-13s %s%n", f.name() + " (" + f.unit() + ")", value(f.value(), f.unit()),
          value(f.peerValue(), f.unit()), Double.isFinite(f.ratio()) ? String.format("%.3f", f.ratio()) : "-", difference(f)));
    }
    return s.toString();
  }

  /** The searched values as {@code path=value}, space-separated, in path order. */
  public static String params(Map<String, Object> params) {
    return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  private static String pick(GridRun run) {
    return run.best().map(b -> b.trialId() + " (" + params(b.params()) + ")").orElse("none (no point scored)");
  }

  /** Accuracies differ in percentage points, times in seconds. */
  private static String difference(BenchFigure f) {
    double d = f.value() - f.peerValue();
    if (!Double.isFinite(d)) {
      return "-";
    }
    return switch (f.unit()) {
      case "fraction" -> String.format("%+.2f pp", 100 * d);
      case "s" -> String.format("%+.1f s", d);
      default -> String.format("%+.0f", d);
    };
  }

  private static String value(double v, String unit) {
    if (!Double.isFinite(v)) {
      return "-";
    }
    return switch (unit) {
      case "fraction" -> String.format("%.4f", v);
      case "s" -> String.format("%.1f", v);
      default -> String.format("%.0f", v);
    };
  }

  private static String accuracy(double v) {
    return Double.isFinite(v) ? String.format("%.4f", v) : "-";
  }

  private static String seconds(double v) {
    return Double.isFinite(v) ? String.format("%.1f", v) : "-";
  }
}
