package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.VerificationSampler;
import dev.specvlm.core.accept.BrokenAcceptors;
import dev.specvlm.core.testmodel.TestModels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The losslessness checks can fail: deliberately broken acceptance or commit is caught by them. */
class BrokenChecksTest {
  private static final List<Prompt> PROMPTS = TestDecoders.prompts(10, 96, true, 42);

  @Test
  void greedyCheck_brokenCommitGather_findsMismatches() {
    TestModels.Bundle bundle = TestModels.builder().vocab(96).sharpness(9).draftNoise(1.5).build();
    bundle.referenceTarget().breakCommit(true);
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      assertFalse(GreedyLosslessTest.mismatches(decoder, PROMPTS, GreedyLosslessTest.GREEDY).isEmpty());
    }
  }

  @Test
  void greedyCheck_acceptorTrustingTheDraft_findsMismatches() {
    TestModels.Bundle bundle = TestModels.builder().vocab(96).sharpness(9).draftNoise(1.5).build();
    try (SpecDecoder decoder = TestDecoders.open(bundle,
        (config, processor, context, seed, siblings) -> BrokenAcceptors.trustTheDraft(processor, context))) {
      assertFalse(GreedyLosslessTest.mismatches(decoder, PROMPTS, GreedyLosslessTest.GREEDY).isEmpty());
    }
  }

  @Test
  void samplingCheck_rejectionWithoutResidual_failsChiSquare() {
    TestModels.Bundle bundle = SamplingLosslessTest.bundle();
    try (SpecDecoder decoder = TestDecoders.open(bundle,
        (config, processor, context, seed, siblings) ->
            BrokenAcceptors.rejectionWithoutResidual(processor, context, seed))) {
      GenerationConfig config = SamplingLosslessTest.processorSettings()[0].toBuilder()
          .verificationSampler(VerificationSampler.REJECTION).build();
      double p = SamplingLosslessTest.pValue(decoder, bundle, config, 3_000_000);
      assertTrue(p < SamplingLosslessTest.ALPHA, "broken sampler passed with p=" + p);
    }
  }

  @Test
  void couplingCheck_offByOneUniforms_differsFromAutoregressive() {
    TestModels.Bundle bundle = TestModels.builder().vocab(48).sharpness(4).draftNoise(1).build();
    try (SpecDecoder decoder = TestDecoders.open(bundle,
        (config, processor, context, seed, siblings) -> BrokenAcceptors.coupledOffByOne(processor, context, seed))) {
      int differing = 0;
      for (long seed = 1; seed <= 20; seed++) {
        GenerationConfig base = GenerationConfig.builder().temperature(1).maxNewTokens(16).seed(seed)
            .treeBudget(TreeBudget.eagleDefault()).build();
        int[] ar = decoder.generate(Prompt.ofTokens(5, 9), base.toBuilder().speculation(SpeculationMode.AR).build())
            .tokenIds();
        int[] spec = decoder.generate(Prompt.ofTokens(5, 9), base).tokenIds();
        differing += Arrays.equals(ar, spec) ? 0 : 1;
      }
      assertTrue(differing > 10, "only " + differing + " of 20 seeds differed");
    }
  }
}
