package io.troupe.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The strategy comparison (seed 002's table, with compute, storage and calibration), rendered as
 * CSV for tools, Markdown for people and aligned text for the terminal. Blank cells are figures
 * that do not apply (e.g. accuracy for regression). The uncertainty columns
 * ({@link ComparisonUncertainty}) come last in the CSV, so the older columns keep their places; for
 * people each interval is one cell beside its figure, and a sentence under the table says which
 * differences from the first row are noise ({@link BaselineTests}).
 */
public final class ComparisonTable {
  /** Columns after the descriptive ones, in order. */
  public static final List<String> FIGURES = List.of("accuracy", "nll", "brier", "ece", "macro_f1",
      "mean_member_accuracy", "oracle_accuracy", "disagreement", "ties", "oob_accuracy", "mse", "mae");
  /** The figures that carry an interval and a p-value. */
  private static final List<String> WITH_INTERVAL = List.of("accuracy", "nll", "mse");
  private static final List<String> DESCRIPTIVE = List.of("strategy", "combiner", "members", "train_epochs",
      "models_stored", "inference_passes");
  public static final List<String> COLUMNS;

  static {
    List<String> c = new ArrayList<>(DESCRIPTIVE);
    c.addAll(FIGURES);
    c.addAll(ComparisonUncertainty.COLUMNS);
    COLUMNS = List.copyOf(c);
  }

  /** A column as people see it: a header and a cell rendered from a row. */
  private record Shown(String header, Function<ComparisonRow, String> cell) {}

  private final List<ComparisonRow> rows;

  public ComparisonTable(List<ComparisonRow> rows) {
    this.rows = List.copyOf(rows);
  }

  public List<ComparisonRow> rows() {
    return rows;
  }

  public String toCsv() {
    StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (ComparisonRow r : rows) {
      List<String> cells = new ArrayList<>(descriptive(r, true));
      FIGURES.forEach(f -> cells.add(figure(r, f, true)));
      ComparisonUncertainty.COLUMNS.forEach(f -> cells.add(figure(r, f, true)));
      s.append(String.join(",", cells)).append('\n');
    }
    return s.toString();
  }

  /** Markdown with only the columns that have a value in some row, then which differences are noise. */
  public String toMarkdown() {
    List<Shown> shown = shownColumns();
    StringBuilder s = new StringBuilder("|");
    shown.forEach(c -> s.append(' ').append(c.header()).append(" |"));
    s.append("\n|");
    for (int i = 0; i < shown.size(); i++) {
      s.append(i < 2 ? "---|" : "---:|");
    }
    s.append('\n');
    for (ComparisonRow r : rows) {
      s.append('|');
      shown.forEach(c -> s.append(' ').append(c.cell().apply(r)).append(" |"));
      s.append('\n');
    }
    List<String> tests = BaselineTests.sentences(rows);
    if (!tests.isEmpty()) {
      s.append('\n').append(legend()).append('\n');
      tests.forEach(t -> s.append('\n').append(t).append('\n'));
    }
    return s.toString();
  }

  /** Aligned columns for a terminal, the shown columns only, then which differences are noise. */
  public String toText() {
    List<Shown> shown = shownColumns();
    List<List<String>> lines = new ArrayList<>();
    lines.add(shown.stream().map(Shown::header).toList());
    for (ComparisonRow r : rows) {
      lines.add(shown.stream().map(c -> c.cell().apply(r)).toList());
    }
    int[] width = new int[shown.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], line.get(i).length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (List<String> line : lines) {
      for (int i = 0; i < width.length; i++) {
        String cell = line.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        s.append(i < 2 ? cell + pad : pad + cell).append(i + 1 < width.length ? "  " : "\n");
      }
    }
    List<String> tests = BaselineTests.sentences(rows);
    if (!tests.isEmpty()) {
      s.append(legend()).append('\n');
      tests.forEach(t -> s.append(t).append('\n'));
    }
    return s.toString();
  }

  private static String legend() {
    return "_ci: 95% bootstrap interval over the test examples; _p: p-value of the difference from the first row"
        + " on the same examples.";
  }

  /** The descriptive columns, then each figure, with its interval and p-value beside it; blank ones left out. */
  private List<Shown> shownColumns() {
    List<Shown> all = new ArrayList<>();
    for (int i = 0; i < DESCRIPTIVE.size(); i++) {
      int column = i;
      all.add(new Shown(DESCRIPTIVE.get(i), r -> descriptive(r, false).get(column)));
    }
    for (String f : FIGURES) {
      all.add(new Shown(f, r -> figure(r, f, false)));
      if (WITH_INTERVAL.contains(f)) {
        all.add(new Shown(f + "_ci", r -> interval(r, f)));
        all.add(new Shown(f + "_p", r -> pValue(r.figure(f + "_p"))));
      }
    }
    List<Shown> shown = new ArrayList<>();
    for (Shown c : all) {
      if (DESCRIPTIVE.contains(c.header()) || rows.stream().anyMatch(r -> !c.cell().apply(r).isEmpty())) {
        shown.add(c);
      }
    }
    return shown;
  }

  private static List<String> descriptive(ComparisonRow r, boolean full) {
    return List.of(r.strategy(), r.combiner(), Integer.toString(r.members()), number(r.trainEpochs(), full),
        Integer.toString(r.modelsStored()), Integer.toString(r.inferencePasses()));
  }

  /** Full precision for CSV; 4 decimals (integers for counts) for people; blank when it does not apply. */
  private static String figure(ComparisonRow r, String name, boolean full) {
    double v = r.figure(name);
    return Double.isNaN(v) ? "" : name.equals("ties") ? Long.toString(Math.round(v)) : number(v, full);
  }

  private static String interval(ComparisonRow r, String figure) {
    double low = r.figure(figure + "_low");
    double high = r.figure(figure + "_high");
    return Double.isNaN(low) || Double.isNaN(high) ? ""
        : String.format(Locale.ROOT, "%.4f-%.4f", low, high);
  }

  private static String pValue(double p) {
    return Double.isNaN(p) ? "" : p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  private static String number(double v, boolean full) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return full ? Double.toString(v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
