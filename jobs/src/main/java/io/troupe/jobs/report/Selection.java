package io.troupe.jobs.report;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.ensemble.SweepSelection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ensemble --from-sweep} left in {@code <run>/selection/}: the table of ensembles of
 * the sweep's trials (selection.csv, a comparison's columns) and, when present, greedy selection
 * step by step (selection-steps.csv: the trial added, the members so far, the validation objective
 * as selection saw it and the test figure).
 *
 * @param testFigure the steps' test column less its "test_" prefix (accuracy or mse); null without steps
 */
record Selection(Comparison table, List<Step> steps, String testFigure) {
  static final String FILE = SweepSelection.DIR + "/selection.csv";
  static final String STEPS = SweepSelection.DIR + "/selection-steps.csv";
  private static final List<String> STEP_COLUMNS = List.of("step", "added", "members", "validation_objective");

  /** One greedy addition. */
  record Step(int step, String added, int members, double validation, double test) {}

  Selection {
    steps = List.copyOf(steps);
  }

  static Selection read(ArtifactStore files) throws IOException {
    Comparison table = Comparison.read(files, FILE);
    if (!files.exists(STEPS)) {
      return new Selection(table, List.of(), null);
    }
    CsvTable csv = CsvTable.read(files, STEPS, STEP_COLUMNS);
    String test = csv.header().stream().filter(c -> c.startsWith("test_")).findFirst()
        .orElseThrow(() -> new InvalidInputException(csv.file() + ": header has no test_<figure> column; expected "
            + String.join(",", STEP_COLUMNS) + ",test_accuracy (or test_mse)"));
    List<Step> steps = new ArrayList<>();
    for (CsvTable.Row row : csv.rows()) {
      steps.add(new Step((int) csv.number(row, "step"), row.cell("added"), (int) csv.number(row, "members"),
          csv.number(row, "validation_objective"), csv.number(row, test)));
    }
    return new Selection(table, steps, test.substring("test_".length()));
  }

  /**
   * Each chosen trial's weight, in the order first chosen: greedy selection with replacement weighs a
   * trial by how often it was added, so the steps alone give the weights it printed.
   */
  Map<String, Integer> timesChosen() {
    Map<String, Integer> times = new LinkedHashMap<>();
    steps.forEach(s -> times.merge(s.added(), 1, Integer::sum));
    return times;
  }
}
