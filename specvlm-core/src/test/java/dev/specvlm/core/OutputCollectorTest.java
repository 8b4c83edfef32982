package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.testmodel.TestModels;
import dev.specvlm.core.testmodel.TestTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputCollectorTest {
  private static final TestModels.Bundle BUNDLE = TestModels.builder().vocab(64).build();
  private static final TestTokenizer TOK = BUNDLE.testTokenizer();

  private static int id(String piece) {
    int[] ids = TOK.encode(piece);
    assertEquals(1, ids.length, piece);
    return ids[0];
  }

  private static int byteToken(int b) {
    for (int i = 3; i < 64; i++) {
      byte[] p = TOK.piece(i);
      if (p.length == 1 && (p[0] & 0xff) == b) {
        return i;
      }
    }
    throw new AssertionError();
  }

  private static OutputCollector collector(GenerationConfig config, List<String> pieces) {
    return new OutputCollector(TOK, BUNDLE.spec(), config, new TokenContext(64), (id, text) -> pieces.add(text));
  }

  @Test
  void add_characterSplitAcrossTokens_streamsItWhenComplete() {
    List<String> pieces = new ArrayList<>();
    OutputCollector out = collector(GenerationConfig.builder().maxNewTokens(10).build(), pieces);
    assertNull(out.add(id("ab")));
    assertNull(out.add(byteToken(0xC3)));
    assertNull(out.add(byteToken(0xA9)));
    assertNull(out.add(id("x")));
    assertEquals(List.of("ab", "", "é", "x"), pieces);
    assertEquals("abéx", out.text());
  }

  @Test
  void add_stopStringEndingInsideSplitCharacter_cutsAfterTheCharacter() {
    List<String> pieces = new ArrayList<>();
    OutputCollector out = collector(GenerationConfig.builder().maxNewTokens(10).addStopString("bé").build(), pieces);
    assertNull(out.add(id("ab")));
    assertNull(out.add(byteToken(0xC3)));
    assertEquals(FinishReason.STOP, out.add(byteToken(0xA9)));
    assertEquals("abé", out.text());
    assertEquals("abé", String.join("", pieces));
  }

  @Test
  void add_stopStringInsideOnePiece_cutsThePiece() {
    List<String> pieces = new ArrayList<>();
    OutputCollector out = collector(GenerationConfig.builder().maxNewTokens(10).addStopString("th").build(), pieces);
    assertNull(out.add(id("ab")));
    assertEquals(FinishReason.STOP, out.add(id(" the")));
    assertEquals(List.of("ab", " th"), pieces);
    assertEquals("ab th", out.text());
    assertEquals(2, out.tokens().length);
  }

  @Test
  void add_lastTokenIncompleteCharacter_flushesReplacement() {
    List<String> pieces = new ArrayList<>();
    OutputCollector out = collector(GenerationConfig.builder().maxNewTokens(2).build(), pieces);
    assertNull(out.add(id("ab")));
    assertEquals(FinishReason.LENGTH, out.add(byteToken(0xC3)));
    assertEquals("ab\uFFFD", String.join("", pieces));
    assertEquals("ab\uFFFD", out.text());
  }

  @Test
  void add_eosTakesPrecedenceOverLength() {
    List<String> pieces = new ArrayList<>();
    OutputCollector out = collector(GenerationConfig.builder().maxNewTokens(1).build(), pieces);
    assertEquals(FinishReason.EOS, out.add(TestTokenizer.EOS));
  }
}
