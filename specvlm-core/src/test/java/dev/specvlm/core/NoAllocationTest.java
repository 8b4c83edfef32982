package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.VerificationSampler;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.Embedder;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.TargetModel;
import dev.specvlm.core.model.Tokenizer;
import dev.specvlm.core.model.VisionEncoder;
import dev.specvlm.core.testmodel.TestModels;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The decode loop allocates nothing per round: two generations with the same buffers (same prompt and limits) that
 * stop after different numbers of rounds allocate the same number of bytes, apart from the result's two copies of
 * the token ids (8 bytes per token). The test models allocate nothing per call, and the tokenizer here decodes to a
 * constant so that the result text does not grow either.
 */
class NoAllocationTest {
  private static final Prompt PROMPT = Prompt.ofTokens(5, 6, 7, 8);

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** A stop sequence whose first occurrence in {@code tokens} ends near {@code around}. */
  private static int[] stopNear(int[] tokens, int around) {
    for (int end = around; end < tokens.length; end++) {
      int[] s = Arrays.copyOfRange(tokens, end - 3, end);
      boolean first = true;
      for (int i = 3; i < end && first; i++) {
        first = !Arrays.equals(tokens, i - 3, i, s, 0, 3);
      }
      if (first) {
        return s;
      }
    }
    throw new AssertionError("no unique stop sequence");
  }

  private static long[] bytesRoundsTokens(SpecDecoder d, GenerationConfig config) {
    long before = allocatedBytes();
    GenerationResult r = d.generate(PROMPT, config);
    long bytes = allocatedBytes() - before;
    assertEquals(FinishReason.STOP, r.finishReason());
    return new long[] {bytes, r.stats().rounds(), r.tokenCount()};
  }

  /** The test bundle with a tokenizer whose decode returns a constant. */
  private static ModelBundle constantText(TestModels.Bundle b) {
    Tokenizer constant = new Tokenizer() {
      @Override
      public int[] encode(String text) {
        return b.tokenizer().encode(text);
      }

      @Override
      public String decode(int[] ids, int from, int to) {
        return "text";
      }

      @Override
      public int vocabSize() {
        return b.tokenizer().vocabSize();
      }
    };
    return new ModelBundle() {
      @Override
      public ModelSpec spec() {
        return b.spec();
      }

      @Override
      public Tokenizer tokenizer() {
        return constant;
      }

      @Override
      public @Nullable VisionEncoder vision() {
        return b.vision();
      }

      @Override
      public Embedder embedder() {
        return b.embedder();
      }

      @Override
      public TargetModel target() {
        return b.target();
      }

      @Override
      public @Nullable DraftModel draft() {
        return b.draft();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void generate_extraRounds_allocateNothing() {
    TestModels.Bundle bundle = TestModels.builder().vocab(64).sharpness(9).draftNoise(1.5).build();
    GenerationConfig[] configs = {
      GenerationConfig.builder().temperature(0).build(),
      GenerationConfig.builder().temperature(0).speculation(SpeculationMode.AR).build(),
      GenerationConfig.builder().temperature(0).speculation(SpeculationMode.STATIC_TREE).build(),
      GenerationConfig.builder().temperature(0).speculation(SpeculationMode.CHAIN).build(),
      GenerationConfig.builder().temperature(0.9).topP(0.9).seed(3).build(),
      GenerationConfig.builder().temperature(0.9).topK(20).seed(3).repetitionPenalty(1.2)
          .verificationSampler(VerificationSampler.REJECTION).build(),
    };
    try (SpecDecoder d = TestDecoders.open(constantText(bundle))) {
      for (GenerationConfig c : configs) {
        GenerationConfig base = c.toBuilder().maxNewTokens(400).ignoreEos(true).build();
        int[] reference = d.generate(PROMPT, base).tokenIds();
        GenerationConfig shortRun = base.toBuilder().addStopTokenSequence(stopNear(reference, 40)).build();
        GenerationConfig longRun = base.toBuilder().addStopTokenSequence(stopNear(reference, 360)).build();
        for (int warm = 0; warm < 3; warm++) {
          bytesRoundsTokens(d, shortRun);
          bytesRoundsTokens(d, longRun);
        }
        long[] a = bytesRoundsTokens(d, shortRun);
        long[] b = bytesRoundsTokens(d, longRun);
        assertTrue(b[1] > a[1] + 20, "the long run needs more rounds: " + a[1] + " vs " + b[1]);
        long resultGrowth = 8 * (b[2] - a[2]); // GenerationResult's token ids: the collector's copy and its clone
        double perRound = (double) (b[0] - a[0] - resultGrowth) / (b[1] - a[1]);
        assertTrue(perRound < 8, c + ": " + perRound + " bytes per extra round (" + a[0] + " vs " + b[0] + ")");
      }
    }
  }
}
