package io.troupe.search.tpe;

import java.util.List;

/** A choice: modelled as the index of the value, with a categorical kernel per observation. */
record ChoiceDimension(String path, List<Object> values) implements Dimension {

  int size() {
    return values.size();
  }

  @Override
  public boolean fixed() {
    return values.size() == 1;
  }

  @Override
  public double encode(Object value) {
    int i = values.indexOf(value);
    if (i < 0) {
      // A value read back from a store may come as another number type (2 as 2.0, or a Long).
      for (int j = 0; j < values.size() && i < 0; j++) {
        if (value instanceof Number n && values.get(j) instanceof Number m && n.doubleValue() == m.doubleValue()) {
          i = j;
        }
      }
    }
    if (i < 0) {
      throw new IllegalArgumentException(path + ": " + value + " is not one of the choices " + values);
    }
    return i;
  }

  @Override
  public Object decode(double x) {
    return values.get((int) x);
  }
}
