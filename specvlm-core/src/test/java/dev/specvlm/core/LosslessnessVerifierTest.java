package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.LosslessnessReport;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.VerificationSampler;
import dev.specvlm.core.accept.BrokenAcceptors;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.Embedder;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.TargetModel;
import dev.specvlm.core.model.TargetState;
import dev.specvlm.core.model.Tokenizer;
import dev.specvlm.core.model.VisionEncoder;
import dev.specvlm.core.testmodel.TestModels;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class LosslessnessVerifierTest {
  private static final GenerationConfig GREEDY = GenerationConfig.builder().temperature(0).maxNewTokens(24)
      .ignoreEos(true).treeBudget(TreeBudget.of(4, 12, 4)).build();

  @Test
  void verifyLossless_goodPair_isIdenticalGreedyAndSeedCoupled() {
    TestModels.Bundle bundle = TestModels.builder().draftNoise(1).build();
    List<Prompt> prompts = TestDecoders.prompts(6, 64, true, 3);
    try (SpecDecoder d = TestDecoders.open(bundle)) {
      for (GenerationConfig c : List.of(GREEDY, GREEDY.toBuilder().temperature(1).topP(0.95).build())) {
        LosslessnessReport r = d.verifyLossless(prompts, c);
        assertTrue(r.identical() && r.lossless(), r.divergences().toString());
        assertEquals(6, r.prompts().size());
        assertEquals(SpeculationMode.DYNAMIC_TREE, r.mode());
        assertEquals(c.temperature(), r.temperature());
        assertEquals(6L * 24, r.comparedTokens());
        for (LosslessnessReport.PromptResult p : r.prompts()) {
          assertEquals(24, p.matchingTokens());
          assertEquals(p.promptIndex() + 1, p.seed(), "unseeded prompts use seed index + 1");
          assertTrue(p.meanAcceptedLength() >= 1);
        }
      }
    }
  }

  @Test
  void verifyLossless_brokenDecoding_reportsTheFirstDivergenceWithProbabilities() {
    TestModels.Bundle bundle = TestModels.builder().sharpness(8).draftNoise(2).build();
    List<Prompt> prompts = TestDecoders.prompts(5, 64, false, 11);
    try (SpecDecoder broken = TestDecoders.open(bundle,
        (config, processor, context, seed, siblings) -> BrokenAcceptors.trustTheDraft(processor, context))) {
      LosslessnessReport r = broken.verifyLossless(prompts, GREEDY);
      assertFalse(r.lossless());
      assertFalse(r.divergences().isEmpty());
      for (LosslessnessReport.PromptResult p : r.prompts()) {
        LosslessnessReport.Divergence dv = p.divergence();
        if (dv == null) {
          continue;
        }
        int[] ar = broken.generate(prompts.get(p.promptIndex()), GREEDY.toBuilder().speculation(SpeculationMode.AR)
            .build()).tokenIds();
        int[] spec = broken.generate(prompts.get(p.promptIndex()), GREEDY).tokenIds();
        int first = 0;
        while (ar[first] == spec[first]) {
          first++;
        }
        assertEquals(first, dv.position());
        assertEquals(first, p.matchingTokens());
        assertEquals(ar[first], dv.autoregressiveToken());
        assertEquals(spec[first], dv.speculativeToken());
        assertTrue(dv.autoregressiveProbability() > dv.speculativeProbability(), dv.toString());
        assertTrue(dv.autoregressiveProbability() <= 1 && dv.speculativeProbability() >= 0, dv.toString());
        assertTrue(dv.autoregressiveLogit() > dv.speculativeLogit(), "greedy took the larger logit: " + dv);
        assertFalse(dv.numericTie(), dv.toString());
      }
    }
  }

  @Test
  void verifyLossless_brokenSampling_isCaughtSeedCoupled() {
    TestModels.Bundle bundle = TestModels.builder().sharpness(3).draftNoise(0.5).build();
    try (SpecDecoder broken = TestDecoders.open(bundle,
        (config, processor, context, seed, siblings) -> BrokenAcceptors.coupledOffByOne(processor, context, seed))) {
      LosslessnessReport r = broken.verifyLossless(TestDecoders.prompts(5, 64, false, 12),
          GREEDY.toBuilder().temperature(1).build());
      assertFalse(r.lossless(), r.toString());
      for (LosslessnessReport.Divergence dv : r.divergences()) {
        assertTrue(dv.autoregressiveProbability() > 0, "the autoregressive token was drawn from the target: " + dv);
      }
    }
  }

  @Test
  void verifyLossless_kernelsThatDisagreeByATinyMargin_reportATie() {
    LosslessnessReport r = verifyWithKernelGap(1e-5f);
    assertFalse(r.identical(), "the kernels disagree on the arg max, so the runs differ");
    assertTrue(r.lossless(), "every divergence is within the tie tolerance: " + r.divergences());
    LosslessnessReport.Divergence dv = r.divergences().get(0);
    assertTrue(dv.numericTie());
    assertEquals(1, dv.position(), "the first token comes from the batched prefill in both runs");
    assertEquals(1e-5, dv.autoregressiveLogit() - dv.speculativeLogit(), 1e-6);
    assertEquals(dv.autoregressiveProbability(), dv.speculativeProbability(), 1e-4);
    assertTrue(dv.toString().contains("numeric tie"), dv.toString());
  }

  @Test
  void verifyLossless_kernelsThatDisagreeClearly_areNotCalledATie() {
    LosslessnessReport r = verifyWithKernelGap(0.5f);
    assertFalse(r.lossless());
    LosslessnessReport.Divergence dv = r.divergences().get(0);
    assertFalse(dv.numericTie());
    assertEquals(0.5, dv.autoregressiveLogit() - dv.speculativeLogit(), 1e-6);
  }

  @Test
  void verifyLossless_badRequests_areRefusedWithTheFix() {
    try (SpecDecoder d = TestDecoders.open(TestModels.builder().build())) {
      List<Prompt> one = List.of(Prompt.ofTokens(5, 6));
      assertTrue(assertThrows(InvalidRequestException.class, () -> d.verifyLossless(List.of(), GREEDY))
          .getMessage().contains("at least one prompt"));
      assertTrue(assertThrows(InvalidRequestException.class, () -> d.verifyLossless(one,
          GREEDY.toBuilder().speculation(SpeculationMode.AR).build())).getMessage().contains("DYNAMIC_TREE"));
      assertTrue(assertThrows(InvalidRequestException.class, () -> d.verifyLossless(one,
          GREEDY.toBuilder().temperature(1).verificationSampler(VerificationSampler.REJECTION).build()))
          .getMessage().contains("COUPLED"));
      assertThrows(InvalidRequestException.class, () -> d.verifyLossless(one, GREEDY, -1));
      assertNull(d.verifyLossless(one, GREEDY).prompts().get(0).divergence());
    }
  }

  /**
   * Greedy verification on a target whose single-token forward and batched forward disagree by {@code gap}: in every
   * logits row the token after the arg max gets the arg max's logit plus {@code gap} in single-token forwards, minus
   * {@code gap} in batched ones.
   */
  private static LosslessnessReport verifyWithKernelGap(float gap) {
    TestModels.Bundle inner = TestModels.builder().sharpness(6).draftNoise(0).build();
    try (SpecDecoder d = TestDecoders.open(new KernelGapBundle(inner, gap))) {
      LosslessnessReport r = d.verifyLossless(List.of(Prompt.ofTokens(5, 6, 7)), GREEDY);
      assertNotNull(r.prompts().get(0).divergence());
      return r;
    }
  }

  /** A bundle whose target's batched and single-token forwards round differently (see above). */
  private static final class KernelGapBundle implements ModelBundle {
    private final ModelBundle inner;
    private final float gap;

    KernelGapBundle(ModelBundle inner, float gap) {
      this.inner = inner;
      this.gap = gap;
    }

    @Override
    public ModelSpec spec() {
      return inner.spec();
    }

    @Override
    public Tokenizer tokenizer() {
      return inner.tokenizer();
    }

    @Override
    public @Nullable VisionEncoder vision() {
      return inner.vision();
    }

    @Override
    public Embedder embedder() {
      return inner.embedder();
    }

    @Override
    public TargetModel target() {
      TargetModel t = inner.target();
      int vocab = inner.spec().vocabSize();
      return capacity -> new GapState(t.newState(capacity), vocab, gap);
    }

    @Override
    public @Nullable DraftModel draft() {
      return inner.draft();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  private static final class GapState implements TargetState {
    private final TargetState inner;
    private final int vocab;
    private final float gap;

    GapState(TargetState inner, int vocab, float gap) {
      this.inner = inner;
      this.vocab = vocab;
      this.gap = gap;
    }

    @Override
    public int length() {
      return inner.length();
    }

    @Override
    public int capacity() {
      return inner.capacity();
    }

    @Override
    public void forward(float[] embeds, int q, int[] positions, AttentionMask mask, int logitRows, float[] logits,
        float[] features) {
      inner.forward(embeds, q, positions, mask, logitRows, logits, features);
      for (int r = 0; r < logitRows; r++) {
        int best = r * vocab;
        for (int v = r * vocab; v < (r + 1) * vocab; v++) {
          best = logits[v] > logits[best] ? v : best;
        }
        int next = r * vocab + (best - r * vocab + 1) % vocab;
        logits[next] = logits[best] + (q == 1 ? gap : -gap);
      }
    }

    @Override
    public void commit(int[] keep, int count) {
      inner.commit(keep, count);
    }

    @Override
    public long kvBytes() {
      return inner.kvBytes();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
