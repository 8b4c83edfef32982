package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
  @TempDir Path dir;

  private HfTokenizer load(int words) throws Exception {
    Path file = dir.resolve("tokenizer-" + words + ".json");
    TestModels.writeTokenizer(file, words);
    return HfTokenizer.load(file);
  }

  @Test
  void encode_longText_isNeitherTruncatedNorWrapped() throws Exception {
    try (HfTokenizer tokenizer = load(200)) {
      String text = "the cat is on the left . ".repeat(300); // 2100 tokens, past any default 512 limit
      int[] ids = tokenizer.encode(text);
      assertEquals(2100, ids.length);
      assertEquals(4, ids[0]); // "the", no <s> added
      assertEquals(23, ids[ids.length - 1]); // ".", no </s> added
    }
  }

  @Test
  void encode_unknownWord_givesTheUnknownId() throws Exception {
    try (HfTokenizer tokenizer = load(200)) {
      assertArrayEquals(new int[] {4, 0, 6}, tokenizer.encode("the zebra cat"));
    }
  }

  @Test
  void vocabSize_countsModelAndAddedTokens() throws Exception {
    try (HfTokenizer tokenizer = load(37)) {
      assertEquals(37, tokenizer.vocabSize());
    }
  }

  @Test
  void close_isIdempotentAndFurtherUseIsRefused() throws Exception {
    HfTokenizer tokenizer = load(50);
    tokenizer.close();
    tokenizer.close();
    assertThrows(IllegalStateException.class, () -> tokenizer.encode("the"));
    assertThrows(IllegalStateException.class, () -> tokenizer.decode(new int[] {4}, 0, 1));
  }
}
