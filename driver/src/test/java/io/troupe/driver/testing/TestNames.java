package io.troupe.driver.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Unique, URI-safe names for tests' directories: {@code name-1}, {@code name-2}, ... per JVM. */
final class TestNames {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");
  private final AtomicInteger counter = new AtomicInteger();

  String next(String name) {
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException("a test path name takes letters, digits, '.', '_' and '-', got '" + name + "'");
    }
    return name + "-" + counter.incrementAndGet();
  }
}
