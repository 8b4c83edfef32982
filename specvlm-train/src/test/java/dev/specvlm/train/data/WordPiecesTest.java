package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordPiecesTest {
  @Test
  void split_wordsCarryTheirSpaceAndPunctuationStandsAlone() {
    assertEquals(List.of("▁The", "▁circle", "▁is", "▁red", ",", "▁", "[", "0", ".", "12", "]", "."),
        WordPieces.split("The circle is red, [0.12]."));
    assertEquals(List.of("▁five", "-", "pointed", "▁star", "'", "s"), WordPieces.split("five-pointed star's"));
  }

  @Test
  void split_whitespaceRuns_areNormalised() {
    assertEquals(WordPieces.split("a red star"), WordPieces.split("  a \n red\t\tstar  "));
    assertEquals(List.of(), WordPieces.split(" \n "));
  }

  @Test
  void join_ofSplit_givesTheNormalisedTextBack() {
    for (String text : List.of("The circle is red, [0.12, 0.34, 0.56, 0.78].", "I would call it \"Quiet Parade\".",
        "It covers about 12% of the image.", "Is the star above the 5-pointed one?")) {
      assertEquals(text, WordPieces.join(WordPieces.split(text)));
    }
  }
}
