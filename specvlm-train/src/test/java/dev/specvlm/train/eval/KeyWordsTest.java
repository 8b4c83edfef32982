package dev.specvlm.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class KeyWordsTest {
  @Test
  void first_findsEarliestLongestPhrase() {
    KeyWords colors = KeyWords.colors();
    assertEquals("GREEN", colors.first("It looks forest green, a dark shade of green."));
    assertEquals("PURPLE", colors.first("The hexagon is lavender, a gentle shade of purple."));
    assertNull(colors.first("It is a circle."));
    KeyWords shapes = KeyWords.shapes();
    assertEquals("CRESCENT", shapes.first("The object is a crescent moon next to a circle."));
    assertEquals("CIRCLE", shapes.first("That is a circle next to a crescent."));
    KeyWords counts = KeyWords.counts();
    assertEquals("1", counts.first("I count just one object, and it is set at the bottom center."));
    assertEquals("6", counts.first("I can see 6 objects: a yellow ring"));
    assertEquals("1", counts.first("The picture has a single brown object"));
    assertEquals("5", counts.first("There are five objects"));
  }
}
