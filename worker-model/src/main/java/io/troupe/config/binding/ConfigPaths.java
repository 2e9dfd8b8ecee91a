package io.troupe.config.binding;

/** Dotted config paths such as {@code train.optimizer.lr}. */
public final class ConfigPaths {
  private ConfigPaths() {}

  public static String join(String parent, String child) {
    if (parent.isEmpty()) {
      return child;
    }
    return child.isEmpty() ? parent : parent + "." + child;
  }

  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }
}
