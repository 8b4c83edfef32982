package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GroundedWordsTest {
  private static final WordTokenizer TOKENIZER = WordTokenizer.bundled();
  private static final Set<Integer> IDS = GroundedWords.tokenIds(TOKENIZER);

  private static boolean grounded(String word) {
    return IDS.contains(TOKENIZER.encode(word)[0]);
  }

  @Test
  void tokenIds_holdImageDictatedWordsInBothCases() {
    for (String w : new String[] {"red", "Red", "teal", "hexagon", "stars", "three", "Three", "left", "upper",
        "small", "large"}) {
      assertTrue(grounded(w), w);
    }
  }

  @Test
  void tokenIds_leaveOutWordsTheTextAloneDictates() {
    for (String w : new String[] {"the", "is", "image", "shape", "object", "corner", "fairly", "a", "of"}) {
      assertFalse(grounded(w), w);
    }
    assertFalse(IDS.contains(SpecialTokens.UNK_ID));
  }
}
