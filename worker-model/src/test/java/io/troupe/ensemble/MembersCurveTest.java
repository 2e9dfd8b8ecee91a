package io.troupe.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.Combiner;
import io.troupe.data.Dataset;
import io.troupe.eval.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembersCurveTest {
  @Test
  void eachPointCombinesTheFirstKMembers() {
    Dataset test = Dataset.ofFloats("t", new int[] {1}, new float[] {0, 0}, new int[] {0, 1}, 2);
    Predictions wrongOnRow1 = Predictions.fromRows(new float[] {0.9f, 0.1f, 0.8f, 0.2f}, 2, 2);
    Predictions confidentRight = Predictions.fromRows(new float[] {0.6f, 0.4f, 0.0f, 1.0f}, 2, 2);
    List<MembersCurve.Point> points = MembersCurve.of("true", Combiner.AVERAGE, List.of(wrongOnRow1, confidentRight),
        null, test);
    assertEquals(2, points.size());
    assertEquals(0.5, points.get(0).value(), 1e-12, "member 1 alone gets row 0 only");
    assertEquals(1.0, points.get(1).value(), 1e-12, "averaged with member 2, row 1 turns right");
    assertEquals("strategy,combiner,members,accuracy,mse\ntrue,average,1,0.5,\ntrue,average,2,1.0,\n",
        MembersCurve.toCsv(points));
  }
}
