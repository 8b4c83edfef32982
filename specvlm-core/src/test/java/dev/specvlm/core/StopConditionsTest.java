package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.core.testmodel.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stops applied to committed tokens when a round accepts several at once: the result and the listener end exactly at
 * the stop, in every mode, and agree with autoregressive decoding.
 */
class StopConditionsTest {
  private static final Prompt PROMPT = Prompt.ofTokens(7, 8, 9, 10);
  private static final SpeculationMode[] ALL = SpeculationMode.values();
  private static TestModels.Bundle bundle;
  private static GenerationConfig base;
  private static int[] reference; // AR output with no stops
  private static String referenceText;

  /** A listener that records what it was given. */
  static final class Recorder implements dev.specvlm.TokenListener {
    final List<Integer> ids = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    @Override
    public void onToken(int tokenId, String piece) {
      ids.add(tokenId);
      text.append(piece);
    }

    int[] ids() {
      return ids.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  @BeforeAll
  static void reference() {
    // a perfect draft on a sharp target: rounds accept several tokens, so stops fall inside accepted blocks
    bundle = TestModels.builder().vocab(64).sharpness(30).draftNoise(0).build();
    base = GenerationConfig.builder().temperature(0).maxNewTokens(40).ignoreEos(true).treeBudget(4, 16, 5).build();
    try (SpecDecoder d = TestDecoders.open(bundle)) {
      GenerationResult ar = d.generate(PROMPT, base.toBuilder().speculation(SpeculationMode.AR).build());
      reference = ar.tokenIds();
      referenceText = ar.text();
      GenerationResult spec = d.generate(PROMPT, base);
      assertTrue(spec.stats().meanAcceptedLength() > 3, "rounds must accept several tokens: " + spec.stats());
    }
  }

  /** Runs {@code config} in every mode; checks all agree, the listener saw the result, and returns the result. */
  private static GenerationResult runAllModes(GenerationConfig config) {
    GenerationResult first = null;
    try (SpecDecoder d = TestDecoders.open(bundle)) {
      for (SpeculationMode mode : ALL) {
        Recorder listener = new Recorder();
        GenerationResult r = d.generate(PROMPT, config.toBuilder().speculation(mode).build(), listener);
        assertArrayEquals(r.tokenIds(), listener.ids(), mode + ": listener tokens");
        assertEquals(r.text(), listener.text.toString(), mode + ": listener text");
        assertEquals(r.tokenCount(), r.stats().generatedTokens());
        if (first == null) {
          first = r;
        } else {
          assertArrayEquals(first.tokenIds(), r.tokenIds(), mode + " differs from AR");
          assertEquals(first.text(), r.text(), mode + " text differs from AR");
          assertEquals(first.finishReason(), r.finishReason(), mode.toString());
        }
      }
    }
    return first;
  }

  @Test
  void generate_maxNewTokensInsideAcceptedBlock_truncatesExactly() {
    for (int max = 1; max <= 14; max++) {
      GenerationResult r = runAllModes(base.toBuilder().maxNewTokens(max).build());
      assertArrayEquals(Arrays.copyOf(reference, max), r.tokenIds(), "maxNewTokens " + max);
      assertEquals(FinishReason.LENGTH, r.finishReason());
    }
  }

  @Test
  void generate_stopTokenSequence_endsAfterItsFirstOccurrence() {
    for (int at = 1; at < 14; at++) {
      int[] stop = Arrays.copyOfRange(reference, at, at + 2);
      GenerationResult r = runAllModes(base.toBuilder().addStopTokenSequence(stop).build());
      int end = firstEnd(reference, stop);
      assertArrayEquals(Arrays.copyOf(reference, end), r.tokenIds(), "stop " + Arrays.toString(stop));
      assertEquals(FinishReason.STOP, r.finishReason());
    }
  }

  @Test
  void generate_eosToken_endsWithIt() {
    for (int at = 0; at < 14; at++) {
      int eos = reference[at];
      GenerationResult r = runAllModes(base.toBuilder().ignoreEos(false).eosTokenIds(eos).build());
      int end = firstEnd(reference, new int[] {eos});
      assertArrayEquals(Arrays.copyOf(reference, end), r.tokenIds(), "eos " + eos);
      assertEquals(FinishReason.EOS, r.finishReason());
    }
  }

  @Test
  void generate_ignoreEos_runsPastEos() {
    GenerationResult r = runAllModes(base.toBuilder().ignoreEos(true).eosTokenIds(reference[2]).build());
    assertArrayEquals(reference, r.tokenIds());
    assertEquals(FinishReason.LENGTH, r.finishReason());
  }

  @Test
  void generate_stopStringAcrossTokens_endsTextAtItsEnd() {
    int checked = 0;
    for (int from = 1; from + 4 < referenceText.length() && checked < 12; from += 3) {
      String stop = referenceText.substring(from, from + 4); // 4 characters: usually spans token boundaries
      if (stop.indexOf('\uFFFD') >= 0) {
        continue; // text ending in U+FFFD is held back as a possibly incomplete character
      }
      GenerationResult r = runAllModes(base.toBuilder().addStopString(stop).build());
      int end = referenceText.indexOf(stop) + stop.length();
      assertEquals(referenceText.substring(0, end), r.text(), "stop string '" + stop + "'");
      assertEquals(FinishReason.STOP, r.finishReason());
      String tokensText = bundle.tokenizer().decode(r.tokenIds(), 0, r.tokenCount());
      assertTrue(tokensText.startsWith(r.text()), "the last token completes the stop string");
      String shorter = bundle.tokenizer().decode(r.tokenIds(), 0, r.tokenCount() - 1);
      assertTrue(!shorter.contains(stop), "no earlier token completes '" + stop + "'");
      checked++;
    }
    assertTrue(checked >= 8);
  }

  private static int firstEnd(int[] tokens, int[] seq) {
    for (int i = 0; i + seq.length <= tokens.length; i++) {
      if (Arrays.equals(tokens, i, i + seq.length, seq, 0, seq.length)) {
        return i + seq.length;
      }
    }
    throw new AssertionError("sequence not in reference");
  }
}
