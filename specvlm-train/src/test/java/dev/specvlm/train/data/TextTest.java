package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void withArticle_vowelSound_usesAn() {
    assertEquals("an oval", Text.withArticle("oval"));
    assertEquals("an emerald circle", Text.withArticle("emerald circle"));
    assertEquals("a unique shape", Text.withArticle("unique shape"));
    assertEquals("a red star", Text.withArticle("red star"));
    assertEquals("an hour", Text.withArticle("hour"));
  }

  @Test
  void list_threeItems_serialCommaOptional() {
    assertEquals("a, b and c", Text.list(List.of("a", "b", "c"), "and", false));
    assertEquals("a, b, and c", Text.list(List.of("a", "b", "c"), "and", true));
    assertEquals("a and b", Text.list(List.of("a", "b"), "and", true));
    assertEquals("a", Text.list(List.of("a"), "and", true));
  }

  @Test
  void join_skipsEmptyParts() {
    assertEquals("the red circle", Text.join("the", "", "red", "circle", ""));
  }

  @Test
  void dialect_apply_rewritesEveryMarkedWordConsistently() {
    String text = "The colour of the grey circle in the centre. Colors, grayish centers.";
    assertEquals("The color of the gray circle in the center. Colors, grayish centers.",
        Dialect.AMERICAN.apply(text));
    assertEquals("The colour of the grey circle in the centre. Colours, greyish centres.",
        Dialect.BRITISH.apply(text));
    assertTrue(Dialect.marks("What color is it?"));
    assertFalse(Dialect.marks("Describe the image."));
  }
}
