package io.troupe.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
  private final ComparisonTable table = new ComparisonTable(List.of(
      new ComparisonRow("single", "-", 1, 10, 1, 1, Map.of("accuracy", 0.8798, "nll", 0.3342)),
      new ComparisonRow("true", "vote", 10, 100, 10, 10, Map.of("accuracy", 0.89123456789, "nll", 1.2, "ties", 17.0))));

  @Test
  void csvHasEveryColumnInOrderAndBlankCellsForWhatDoesNotApply() {
    String[] lines = table.toCsv().split("\n");
    assertEquals("strategy,combiner,members,train_epochs,models_stored,inference_passes,accuracy,nll,brier,ece,macro_f1,"
        + "mean_member_accuracy,oracle_accuracy,disagreement,ties,oob_accuracy,mse,mae,"
        + "accuracy_low,accuracy_high,accuracy_p,nll_low,nll_high,nll_p,mse_low,mse_high,mse_p", lines[0],
        "the uncertainty columns after the older ones, which keep their places");
    assertEquals("single,-,1,10,1,1,0.8798,0.3342,,,,,,,,,,,,,,,,,,,", lines[1]);
    assertEquals("true,vote,10,100,10,10,0.89123456789,1.2,,,,,,,17,,,,,,,,,,,,", lines[2],
        "full precision, ties as a count");
  }

  @Test
  void markdownAndTextShowOnlyColumnsWithSomeValue() {
    String md = table.toMarkdown();
    assertTrue(md.startsWith("| strategy | combiner | members | train_epochs | models_stored | inference_passes | accuracy | nll | ties |\n"), md);
    assertTrue(md.contains("| true | vote | 10 | 100 | 10 | 10 | 0.8912 | 1.2000 | 17 |"), md);
    assertFalse(md.contains("mse"), md);
    String text = table.toText();
    assertEquals(3, text.lines().count());
    assertTrue(text.lines().allMatch(l -> l.length() == text.lines().findFirst().get().length()), "aligned:\n" + text);
  }

  @Test
  void intervalsAndPValuesSitBesideTheirFigureAndASentenceSaysWhatIsNoise() {
    ComparisonTable tested = new ComparisonTable(List.of(
        new ComparisonRow("single", "-", 1, 10, 1, 1, Map.of("accuracy", 0.8341, "accuracy_low", 0.8267,
            "accuracy_high", 0.8413)),
        new ComparisonRow("true", "average", 5, 50, 5, 5, Map.of("accuracy", 0.856, "accuracy_low", 0.849,
            "accuracy_high", 0.8629, "accuracy_p", 0.00001)),
        new ComparisonRow("swa", "parameter-average", 1, 10, 2, 1, Map.of("accuracy", 0.8363, "accuracy_low", 0.829,
            "accuracy_high", 0.8436, "accuracy_p", 0.4123))));
    String text = tested.toText();
    assertTrue(text.lines().findFirst().get().endsWith("accuracy    accuracy_ci  accuracy_p"), text);
    assertTrue(text.contains("0.8560  0.8490-0.8629      <0.001"), text);
    assertTrue(text.contains("accuracy against single (the same test examples, McNemar's exact test): not"
        + " distinguishable from noise (p >= 0.05): swa / parameter-average (+0.22 pp, p = 0.412); different"
        + " (p < 0.05): true / average (+2.19 pp, p < 0.001)."), text);
    String md = tested.toMarkdown();
    assertTrue(md.contains("| single | - | 1 | 10 | 1 | 1 | 0.8341 | 0.8267-0.8413 |  |"), md);
    assertTrue(md.contains("not distinguishable from noise"), md);
    String csv = tested.toCsv();
    assertTrue(csv.lines().skip(2).findFirst().get().endsWith(",0.849,0.8629,1.0E-5,,,,,,"), csv);
  }
}
