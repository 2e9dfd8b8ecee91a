package io.troupe.config.binding;

import io.troupe.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in a config, each as {@code "path: what was expected, got what"}. */
public final class Problems {
  private final List<String> messages = new ArrayList<>();

  public void add(String path, String message) {
    messages.add(path.isEmpty() ? message : path + ": " + message);
  }

  public int count() {
    return messages.size();
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }

  public void throwIfAny() {
    if (!messages.isEmpty()) {
      throw new InvalidInputException(messages);
    }
  }
}
