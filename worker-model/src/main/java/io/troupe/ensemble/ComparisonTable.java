package io.troupe.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The strategy comparison (seed 002's table, with compute, storage and calibration), rendered as
 * CSV for tools, Markdown for people and aligned text for the terminal. Blank cells are figures
 * that do not apply (e.g. accuracy for regression).
 */
public final class ComparisonTable {
  /** Columns after the descriptive ones, in order. */
  public static final List<String> FIGURES = List.of("accuracy", "nll", "brier", "ece", "macro_f1",
      "mean_member_accuracy", "oracle_accuracy", "disagreement", "ties", "oob_accuracy", "mse", "mae");
  public static final List<String> COLUMNS;

  static {
    List<String> c = new ArrayList<>(List.of("strategy", "combiner", "members", "train_epochs", "models_stored",
        "inference_passes"));
    c.addAll(FIGURES);
    COLUMNS = List.copyOf(c);
  }

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
      s.append(String.join(",", cells(r, true))).append('\n');
    }
    return s.toString();
  }

  /** Markdown with only the columns that have a value in some row. */
  public String toMarkdown() {
    List<Integer> shown = shownColumns();
    StringBuilder s = new StringBuilder("|");
    shown.forEach(i -> s.append(' ').append(COLUMNS.get(i)).append(" |"));
    s.append("\n|");
    shown.forEach(i -> s.append(i < 2 ? "---|" : "---:|"));
    s.append('\n');
    for (ComparisonRow r : rows) {
      List<String> cells = cells(r, false);
      s.append('|');
      shown.forEach(i -> s.append(' ').append(cells.get(i)).append(" |"));
      s.append('\n');
    }
    return s.toString();
  }

  /** Aligned columns for a terminal, the shown columns only. */
  public String toText() {
    List<Integer> shown = shownColumns();
    List<List<String>> lines = new ArrayList<>();
    lines.add(shown.stream().map(COLUMNS::get).toList());
    for (ComparisonRow r : rows) {
      List<String> cells = cells(r, false);
      lines.add(shown.stream().map(cells::get).toList());
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
    return s.toString();
  }

  private List<Integer> shownColumns() {
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < COLUMNS.size(); i++) {
      int column = i;
      if (i < 6 || rows.stream().anyMatch(r -> !cells(r, false).get(column).isEmpty())) {
        shown.add(i);
      }
    }
    return shown;
  }

  /** Full precision for CSV; 4 decimals (integers for counts) for people. */
  private static List<String> cells(ComparisonRow r, boolean full) {
    List<String> c = new ArrayList<>(List.of(r.strategy(), r.combiner(), Integer.toString(r.members()),
        number(r.trainEpochs(), full), Integer.toString(r.modelsStored()), Integer.toString(r.inferencePasses())));
    for (String name : FIGURES) {
      double v = r.figure(name);
      c.add(Double.isNaN(v) ? "" : name.equals("ties") ? Long.toString(Math.round(v)) : number(v, full));
    }
    return c;
  }

  private static String number(double v, boolean full) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return full ? Double.toString(v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
