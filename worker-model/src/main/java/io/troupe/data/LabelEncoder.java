package io.troupe.data;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps the class labels written in a data file ("setosa", "-1", "+1", "3") to class indices
 * 0..K-1: the sorted distinct values of the training labels. If every label is a number they are
 * sorted and compared numerically ("+1", "1" and "1.0" are one class; -1 comes before 1),
 * otherwise as strings. Fitted on the training file only and then applied to the test file.
 */
public final class LabelEncoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean numeric;
  private final List<String> classes;
  private final Map<String, Integer> index;

  private LabelEncoder(boolean numeric, List<String> classes) {
    this.numeric = numeric;
    this.classes = List.copyOf(classes);
    this.index = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
  }

  /** Fits on the (trimmed) training labels; needs at least one. */
  public static LabelEncoder fit(Collection<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("cannot fit a LabelEncoder on no labels");
    }
    boolean numeric = labels.stream().allMatch(NumberText::isNumber);
    if (!numeric) {
      return new LabelEncoder(false, new ArrayList<>(new TreeSet<>(labels)));
    }
    TreeSet<BigDecimal> values = new TreeSet<>(Comparator.naturalOrder());
    for (String label : labels) {
      values.add(new BigDecimal(label));
    }
    List<String> names = new ArrayList<>();
    values.forEach(v -> names.add(canonical(v)));
    return new LabelEncoder(true, names);
  }

  /** Class index of {@code label}, or -1 if it never occurred in the training labels. */
  public int indexOf(String label) {
    String key = label;
    if (numeric) {
      if (!NumberText.isNumber(label)) {
        return -1;
      }
      key = canonical(new BigDecimal(label));
    }
    Integer i = index.get(key);
    return i == null ? -1 : i;
  }

  /** Class names in index order (numbers in canonical form, e.g. "+1.0" becomes "1"). */
  public List<String> classes() {
    return classes;
  }

  public int numClasses() {
    return classes.size();
  }

  /** True if the labels were all numbers and are ordered numerically. */
  public boolean isNumeric() {
    return numeric;
  }

  /** The first classes, for error messages; a long list would drown the message. */
  String describeClasses() {
    int shown = Math.min(20, classes.size());
    String list = String.join(", ", classes.subList(0, shown));
    return classes.size() > shown ? list + ", ... (" + classes.size() + " in all)" : list;
  }

  private static String canonical(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }
}
