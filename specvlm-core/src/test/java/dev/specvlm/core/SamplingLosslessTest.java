package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.VerificationSampler;
import dev.specvlm.core.testmodel.TestModels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sampling losslessness: the distribution of generated sequences equals autoregressive sampling's. Each check draws
 * 20,000 sequences of 3 tokens (V = 16, with drafts that agree only partly, so that both acceptance and rejection
 * happen every few tokens) and runs Pearson's chi-square test against the exact sequence distribution computed from
 * the reference model; the significance level is α = 0.001 per check. Seeds are fixed, so the outcome is
 * reproducible.
 */
class SamplingLosslessTest {
  static final double ALPHA = 1e-3;
  static final int SAMPLES = 20_000;
  static final int LENGTH = 3;
  static final int[] PROMPT = {5, 9, 12};

  static TestModels.Bundle bundle() {
    return TestModels.builder().vocab(16).sharpness(2.5).draftNoise(1.2).salt(3).build();
  }

  static GenerationConfig[] processorSettings() {
    GenerationConfig base = GenerationConfig.builder().maxNewTokens(LENGTH).ignoreEos(true)
        .speculation(SpeculationMode.DYNAMIC_TREE).treeBudget(3, 8, 3).build();
    return new GenerationConfig[] {
      base.toBuilder().temperature(1).build(),
      base.toBuilder().temperature(0.7).topP(0.8).build(),
      base.toBuilder().temperature(1).topK(5).build(),
      base.toBuilder().temperature(0.7).topK(6).topP(0.9).minP(0.05).repetitionPenalty(1.3).build(),
    };
  }

  /** The chi-square p-value of {@value #SAMPLES} sampled sequences against the exact distribution. */
  static double pValue(SpecDecoder decoder, TestModels.Bundle bundle, GenerationConfig config, long firstSeed) {
    Map<String, Double> exact = ExactDistribution.of(bundle, PROMPT, config, LENGTH);
    Map<String, Integer> counts = new HashMap<>();
    Prompt prompt = Prompt.ofTokens(PROMPT);
    for (int i = 0; i < SAMPLES; i++) {
      GenerationResult r = decoder.generate(prompt, config.toBuilder().seed(firstSeed + i).build());
      counts.merge(Arrays.toString(r.tokenIds()), 1, Integer::sum);
    }
    return ChiSquare.pValue(counts, exact, SAMPLES);
  }

  @Test
  void exactDistribution_sumsToOne() {
    for (GenerationConfig c : processorSettings()) {
      double total = ExactDistribution.of(bundle(), PROMPT, c, LENGTH).values().stream()
          .mapToDouble(Double::doubleValue).sum();
      assertEquals(1.0, total, 1e-9, c.toString());
    }
  }

  @Test
  void generate_autoregressive_matchesExactDistribution() {
    TestModels.Bundle bundle = bundle();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      GenerationConfig ar = processorSettings()[3].toBuilder().speculation(SpeculationMode.AR).build();
      double p = pValue(decoder, bundle, ar, 1);
      assertTrue(p > ALPHA, "AR p=" + p);
    }
  }

  /** Checks every processor setting with {@code sampler}, each on its own seeds. */
  private static void assertMatchesExact(VerificationSampler sampler, long firstSeed) {
    TestModels.Bundle bundle = bundle();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      long seed = firstSeed;
      for (GenerationConfig c : processorSettings()) {
        GenerationConfig config = c.toBuilder().verificationSampler(sampler).build();
        double p = pValue(decoder, bundle, config, seed);
        seed += SAMPLES;
        assertTrue(p > ALPHA, sampler + " sampler p=" + p + " for " + config);
      }
    }
  }

  @Test
  void generate_rejectionSampler_matchesExactDistribution() {
    assertMatchesExact(VerificationSampler.REJECTION, 1_000_000);
  }

  @Test
  void generate_coupledSampler_matchesExactDistribution() {
    assertMatchesExact(VerificationSampler.COUPLED, 2_000_000);
  }

  @Test
  void generate_coupledSampler_sameSeedGivesAutoregressiveTokens() {
    TestModels.Bundle bundle = TestModels.builder().vocab(48).sharpness(4).draftNoise(1).build();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      GenerationConfig[] settings = {
        GenerationConfig.builder().temperature(1).build(),
        GenerationConfig.builder().temperature(0.7).topK(8).topP(0.9).repetitionPenalty(1.2).build(),
      };
      Prompt prompt = Prompt.builder().tokens(5, 9).image(dev.specvlm.core.testmodel.StubVision.image(6, 1))
          .text(" the").build();
      for (GenerationConfig s : settings) {
        for (long seed = 1; seed <= 100; seed++) {
          GenerationConfig base = s.toBuilder().maxNewTokens(16).seed(seed)
              .verificationSampler(VerificationSampler.COUPLED).build();
          int[] ar = decoder.generate(prompt, base.toBuilder().speculation(SpeculationMode.AR).build()).tokenIds();
          for (SpeculationMode mode : GreedyLosslessTest.MODES) {
            int[] spec = decoder.generate(prompt, TestDecoders.with(base, mode, 4, 10, 3)).tokenIds();
            assertArrayEquals(ar, spec, "seed " + seed + " " + mode + " " + s);
          }
        }
      }
    }
  }

  @Test
  void generate_withoutSeed_reportsTheDrawnSeedAndReplaysWithIt() {
    TestModels.Bundle bundle = bundle();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      GenerationConfig config = processorSettings()[0].toBuilder().maxNewTokens(12).build();
      GenerationResult first = decoder.generate(Prompt.ofTokens(PROMPT), config);
      long seed = first.stats().seed();
      GenerationResult replay = decoder.generate(Prompt.ofTokens(PROMPT), config.toBuilder().seed(seed).build());
      assertArrayEquals(first.tokenIds(), replay.tokenIds());
    }
  }
}
