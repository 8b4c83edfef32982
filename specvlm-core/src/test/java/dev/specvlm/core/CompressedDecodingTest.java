package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.VisualCompression;
import dev.specvlm.core.testmodel.StubVision;
import dev.specvlm.core.testmodel.TestModels;
import dev.specvlm.core.testmodel.TunableDraft;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SpecVLM's elastic visual compressor through the engine: every branch and mode at every resolution keeps the output
 * equal to autoregressive decoding; the draft reads compact positions offset by exactly Δ; the statistics report the
 * choice.
 */
class CompressedDecodingTest {
  private static final GenerationConfig GREEDY = GenerationConfig.builder().maxNewTokens(16).temperature(0)
      .treeBudget(TreeBudget.of(4, 12, 4)).build();
  /** Visual slots of the stub images: "resolutions" from small to the stub's largest. */
  private static final int[] RESOLUTIONS = {8, 64, 255};
  private static final List<VisualCompression> SETTINGS = List.of(VisualCompression.none(),
      VisualCompression.select(), VisualCompression.weighted(), VisualCompression.fixed("prune20"),
      VisualCompression.fixed("pool20"), VisualCompression.fixed("conv3"), VisualCompression.fixed("resampler2"),
      VisualCompression.fixed("text-only"));

  /** {@code count} prompts with one image of {@code slots} slots between token runs, some chat-templated. */
  static List<Prompt> prompts(int count, int slots, int vocab, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Prompt.Builder b = Prompt.builder().chatTemplate(r.nextInt(3) == 0);
      if (r.nextInt(4) > 0) {
        b.tokens(tokens(r, 1 + r.nextInt(6), vocab));
      }
      b.image(StubVision.image(slots, r.nextInt(10_000)));
      if (r.nextInt(5) > 0) {
        b.tokens(tokens(r, 1 + r.nextInt(8), vocab));
      }
      prompts.add(b.build());
    }
    return prompts;
  }

  private static int[] tokens(SplittableRandom r, int n, int vocab) {
    int[] ids = new int[n];
    for (int j = 0; j < n; j++) {
      ids[j] = 3 + r.nextInt(vocab - 3);
    }
    return ids;
  }

  /** Δ the request used: visual tokens the draft did not see. */
  private static int delta(SpecStats s) {
    return s.visualTokens() - s.draftVisualTokens();
  }

  @Test
  void generate_everyBranchAndResolution_matchesAutoregressive() {
    TestModels.Bundle bundle = TestModels.builder().vocab(96).sharpness(9).draftNoise(0.5).withCompressor().build();
    TunableDraft draft = bundle.compressorDraft();
    List<String> bad = new ArrayList<>();
    double[] sigma = new double[2]; // mean σ over compressed runs with the draft's shift 0 and Δ
    int compressed = 0;
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      for (int slots : RESOLUTIONS) {
        List<Prompt> prompts = prompts(50, slots, 96, slots);
        for (int i = 0; i < prompts.size(); i++) {
          Prompt p = prompts.get(i);
          int[] ar = decoder.generate(p, GREEDY.toBuilder().speculation(SpeculationMode.AR).build()).tokenIds();
          for (VisualCompression setting : SETTINGS) {
            GenerationConfig config = GREEDY.toBuilder().visualCompression(setting).build();
            draft.positionShift(0);
            GenerationResult plain = decoder.generate(p, config);
            // again with the draft told Δ: it then predicts the target well, so rounds commit long paths
            draft.positionShift(delta(plain.stats()));
            GenerationResult shifted = decoder.generate(p, config);
            for (GenerationResult r : List.of(plain, shifted)) {
              if (!Arrays.equals(ar, r.tokenIds())) {
                bad.add(slots + "/" + i + "/" + setting + "/shift " + draft + ": " + r.stats());
              }
            }
            if (delta(plain.stats()) > 0) {
              sigma[0] += plain.stats().meanAcceptedLength();
              sigma[1] += shifted.stats().meanAcceptedLength();
              compressed++;
            }
          }
        }
      }
    }
    assertEquals(List.of(), bad);
    assertTrue(compressed > 500, "compressed runs: " + compressed);
    assertTrue(sigma[1] / compressed > sigma[0] / compressed + 1, "σ with the right offset " + sigma[1] / compressed
        + " vs without " + sigma[0] / compressed);
  }

  @Test
  void generate_sampling_coupledSeedGivesTheAutoregressiveTokensForEveryBranch() {
    TestModels.Bundle bundle = TestModels.builder().vocab(64).sharpness(3).draftNoise(0.5).withCompressor().build();
    GenerationConfig sampling = GREEDY.toBuilder().temperature(1).topP(0.95).build();
    List<String> bad = new ArrayList<>();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      for (int slots : RESOLUTIONS) {
        List<Prompt> prompts = prompts(12, slots, 64, 1000 + slots);
        for (int i = 0; i < prompts.size(); i++) {
          GenerationConfig seeded = sampling.toBuilder().seed(i * 31L + slots).build();
          int[] ar = decoder.generate(prompts.get(i), seeded.toBuilder().speculation(SpeculationMode.AR).build())
              .tokenIds();
          for (VisualCompression setting : SETTINGS) {
            GenerationResult r = decoder.generate(prompts.get(i), seeded.toBuilder().visualCompression(setting).build());
            if (!Arrays.equals(ar, r.tokenIds())) {
              bad.add(slots + "/" + i + "/" + setting);
            }
          }
        }
      }
    }
    assertEquals(List.of(), bad);
  }

  /**
   * The offset rule: with pool4 over an image of 64 slots starting at target position 4, Δ = 64 − 16 = 48. A perfect
   * draft shifted by exactly that Δ proposes the target's tokens (every chain accepted whole), which it does only if
   * the engine gives it compact positions — target position − Δ — for the prefill, the stable rows and the tree. A
   * draft shifted by Δ ± 1 (what a wrong offset in the engine amounts to) proposes other tokens.
   */
  @Test
  void generate_offsetByDelta_isTheOnlyOffsetThatKeepsProposalsRight() {
    TestModels.Bundle bundle = TestModels.builder().vocab(96).sharpness(30).draftNoise(0).chatTemplate(false)
        .withCompressor().build();
    Prompt prompt = Prompt.builder().tokens(5, 6, 7).image(StubVision.image(64, 3)).tokens(8, 9).build();
    GenerationConfig chain = GREEDY.toBuilder().speculation(SpeculationMode.CHAIN).treeBudget(1, 6, 5)
        .maxNewTokens(37).ignoreEos(true).visualCompression(VisualCompression.fixed("pool4")).build();
    int delta = 64 - 16;
    TunableDraft draft = bundle.compressorDraft();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      int[] ar = decoder.generate(prompt, chain.toBuilder().speculation(SpeculationMode.AR).build()).tokenIds();
      draft.positionShift(delta);
      GenerationResult right = decoder.generate(prompt, chain);
      assertEquals(delta, delta(right.stats()));
      assertEquals(6.0, right.stats().meanAcceptedLength(), 1e-9, right.stats().toString());
      assertEquals(Arrays.toString(ar), Arrays.toString(right.tokenIds()));
      for (int wrong : new int[] {delta - 1, delta + 1, 0}) {
        draft.positionShift(wrong);
        GenerationResult r = decoder.generate(prompt, chain);
        assertTrue(r.stats().meanAcceptedLength() < 2, "offset " + wrong + ": " + r.stats());
        assertEquals(Arrays.toString(ar), Arrays.toString(r.tokenIds()), "still lossless");
      }
      // without compression the plain draft (shift 0) is the perfect one
      GenerationResult none = decoder.generate(prompt, chain.toBuilder().visualCompression(VisualCompression.none())
          .build());
      assertEquals(6.0, none.stats().meanAcceptedLength(), 1e-9, none.stats().toString());
    }
  }

  @Test
  void generate_stats_reportBranchVisualTokensAndDraftPrefill() {
    TestModels.Bundle bundle = TestModels.builder().vocab(64).withCompressor().build();
    Prompt image = Prompt.builder().tokens(5, 6).image(StubVision.image(100, 1)).tokens(7).build();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      SpecStats pool = decoder.generate(image, GREEDY.toBuilder().visualCompression(VisualCompression.fixed("pool20"))
          .build()).stats();
      assertEquals("pool20", pool.compressorBranch());
      assertEquals(100, pool.visualTokens());
      assertEquals(5, pool.draftVisualTokens());
      assertTrue(pool.draftPrefillNanos() > 0 && pool.draftPrefillNanos() <= pool.prefillNanos(), pool.toString());
      SpecStats text = decoder.generate(image, GREEDY.toBuilder().visualCompression(VisualCompression.fixed(
          "text-only")).build()).stats();
      assertEquals(0, text.draftVisualTokens());
      SpecStats resampler = decoder.generate(image, GREEDY.toBuilder().visualCompression(VisualCompression.fixed(
          "resampler2")).build()).stats();
      assertEquals(2, resampler.draftVisualTokens());
      SpecStats none = decoder.generate(image, GREEDY.toBuilder().visualCompression(VisualCompression.none())
          .build()).stats();
      assertEquals("none", none.compressorBranch());
      assertEquals(100, none.draftVisualTokens());
      SpecStats select = decoder.generate(image, GREEDY).stats();
      assertTrue(bundle.testCompressor().branches().stream().anyMatch(b -> b.name().equals(select.compressorBranch())),
          select.compressorBranch());
      SpecStats noImage = decoder.generate(Prompt.ofTokens(5, 6, 7), GREEDY).stats();
      assertEquals("none", noImage.compressorBranch());
      SpecStats ar = decoder.generate(image, GREEDY.toBuilder().speculation(SpeculationMode.AR).build()).stats();
      assertEquals("none", ar.compressorBranch());
      assertEquals(0, ar.draftPrefillNanos());
    }
  }

  @Test
  void generate_selectOverManyQuestions_usesSeveralBranches() {
    TestModels.Bundle bundle = TestModels.builder().vocab(96).withCompressor().build();
    java.util.Set<String> branches = new java.util.TreeSet<>();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      for (Prompt p : prompts(40, 64, 96, 5)) {
        branches.add(decoder.generate(p, GREEDY.toBuilder().maxNewTokens(2).build()).stats().compressorBranch());
      }
    }
    assertTrue(branches.size() >= 2, branches.toString());
  }

  @Test
  void generate_settingTheModelLacks_refusedBeforeAnyWork() {
    TestModels.Bundle plain = TestModels.builder().build();
    Prompt image = Prompt.builder().tokens(5).image(StubVision.image(10, 1)).build();
    try (SpecDecoder decoder = TestDecoders.open(plain)) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> decoder.generate(image,
          GREEDY.toBuilder().visualCompression(VisualCompression.fixed("conv3")).build()));
      assertTrue(e.getMessage().contains("conv3"), e.getMessage());
      assertEquals(0, plain.referenceTarget().forwards());
      // parameter-free branches need no compressor
      SpecStats s = decoder.generate(image, GREEDY.toBuilder().visualCompression(VisualCompression.fixed("prune3"))
          .build()).stats();
      assertEquals("prune3", s.compressorBranch());
      assertEquals(4, s.draftVisualTokens());
    }
  }
}
