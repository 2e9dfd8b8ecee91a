package io.troupe.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEncoderTest {
  @Test
  void numericLabelsSortNumericallyAndCompareByValue() {
    LabelEncoder e = LabelEncoder.fit(List.of("10", "+1", "2", "-1", "1.0"));
    assertTrue(e.isNumeric());
    assertEquals(List.of("-1", "1", "2", "10"), e.classes());
    assertEquals(1, e.indexOf("1"));
    assertEquals(1, e.indexOf("1.00"));
    assertEquals(3, e.indexOf("1e1"));
    assertEquals(-1, e.indexOf("3"));
    assertEquals(-1, e.indexOf("one"));
  }

  @Test
  void stringLabelsSortLexicographically() {
    LabelEncoder e = LabelEncoder.fit(List.of("dog", "cat", "Dog", "cat", "10"));
    assertFalse(e.isNumeric());
    assertEquals(List.of("10", "Dog", "cat", "dog"), e.classes());
    assertEquals(2, e.indexOf("cat"));
    assertEquals(-1, e.indexOf("bird"));
  }
}
