package io.troupe.jobs;

import java.nio.file.Path;

/** The checkout's root, as Surefire passes it (falls back to the module's parent). */
public final class ProjectRoot {
  private ProjectRoot() {}

  public static Path get() {
    String root = System.getProperty("troupe.project.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }
}
