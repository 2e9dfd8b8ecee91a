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
        + "mean_member_accuracy,oracle_accuracy,disagreement,ties,oob_accuracy,mse,mae", lines[0]);
    assertEquals("single,-,1,10,1,1,0.8798,0.3342,,,,,,,,,,", lines[1]);
    assertEquals("true,vote,10,100,10,10,0.89123456789,1.2,,,,,,,17,,,", lines[2], "full precision, ties as a count");
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
}
