package io.troupe.driver.spark;

import java.util.List;

/**
 * The {@code --add-opens} flags Spark needs on Java 17, for the driver and every executor. The same
 * list is in the parent POM (Surefire) and in deploy/common.sh (for deploy/troupe and deploy/cluster);
 * a test keeps them in step.
 */
public final class JavaModuleOpens {
  public static final List<String> PACKAGES = List.of(
      "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
      "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs",
      "sun.security.action", "sun.util.calendar");

  private JavaModuleOpens() {}

  public static List<String> flags() {
    return PACKAGES.stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();
  }

  public static String asJavaOptions() {
    return String.join(" ", flags());
  }
}
