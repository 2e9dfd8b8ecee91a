package io.troupe;

import java.util.List;

/**
 * Bad input from the user: a config field, a data file or a command-line argument.
 * Each problem names where it is (a config path, or a file with row/column) and what was
 * expected. The CLI prints the problems without a stack trace and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidInputException(String problem) {
    this(List.of(problem));
  }

  public InvalidInputException(List<String> problems) {
    super(String.join("\n", requireSome(problems)));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String problem, Throwable cause) {
    super(problem, cause);
    this.problems = List.of(problem);
  }

  /** Every problem found, one line each; validation reports all of them, not just the first. */
  public List<String> problems() {
    return problems;
  }

  private static List<String> requireSome(List<String> problems) {
    if (problems == null || problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
    }
    return problems;
  }
}
