package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.testmodel.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Greedy losslessness: for every speculation mode and several tree budgets, the speculative output equals plain
 * autoregressive decoding token for token, over 200 prompts (a third with visual slots) and drafts from perfect to
 * near random.
 */
class GreedyLosslessTest {
  /** SpecVLM's tree budget, pinned: these tests exercise big trees; {@link TreeBudgetAutoTest} covers auto. */
  static final GenerationConfig GREEDY = GenerationConfig.builder().maxNewTokens(20).temperature(0)
      .treeBudget(TreeBudget.eagleDefault()).build();
  static final int[][] BUDGETS = {{10, 60, 7}, {4, 12, 3}, {3, 9, 5}, {1, 4, 3}};
  static final SpeculationMode[] MODES = {SpeculationMode.CHAIN, SpeculationMode.STATIC_TREE,
      SpeculationMode.DYNAMIC_TREE};

  /** The prompts (out of {@code prompts}) whose speculative output differs from AR, as "prompt/mode/budget". */
  static List<String> mismatches(SpecDecoder decoder, List<Prompt> prompts, GenerationConfig base) {
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      Prompt p = prompts.get(i);
      int[] ar = decoder.generate(p, base.toBuilder().speculation(SpeculationMode.AR).build()).tokenIds();
      for (SpeculationMode mode : MODES) {
        for (int[] b : BUDGETS) {
          int[] spec = decoder.generate(p, TestDecoders.with(base, mode, b[0], b[1], b[2])).tokenIds();
          if (!Arrays.equals(ar, spec)) {
            bad.add(i + "/" + mode + "/" + Arrays.toString(b));
          }
        }
      }
    }
    return bad;
  }

  @Test
  void generate_everyModeAndBudget_matchesAutoregressive() {
    double[] noises = {0, 1.5, 40};
    int perNoise = 70; // 210 prompts in all
    for (int n = 0; n < noises.length; n++) {
      TestModels.Bundle bundle = TestModels.builder().vocab(96).sharpness(9).draftNoise(noises[n]).build();
      try (SpecDecoder decoder = TestDecoders.open(bundle)) {
        List<Prompt> prompts = TestDecoders.prompts(perNoise, 96, true, 100 + n);
        assertEquals(List.of(), mismatches(decoder, prompts, GREEDY), "noise " + noises[n]);
      }
    }
  }

  @Test
  void generate_repetitionPenalty_matchesAutoregressive() {
    // the penalty sees each node's own drafted path: a wrong context would change which child matches
    TestModels.Bundle bundle = TestModels.builder().vocab(32).sharpness(6).draftNoise(0.5).build();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      GenerationConfig penalised = GREEDY.toBuilder().repetitionPenalty(1.6).maxNewTokens(30).build();
      assertEquals(List.of(), mismatches(decoder, TestDecoders.prompts(30, 32, true, 77), penalised));
    }
  }

  @Test
  void generate_largeVocabulary_matchesAutoregressive() {
    TestModels.Bundle bundle = TestModels.builder().vocab(32000).hidden(16).sharpness(12).draftNoise(1).build();
    GenerationConfig base = GREEDY.toBuilder().maxNewTokens(12).build();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      for (Prompt p : TestDecoders.prompts(3, 32000, true, 7)) {
        int[] ar = decoder.generate(p, base.toBuilder().speculation(SpeculationMode.AR).build()).tokenIds();
        for (SpeculationMode mode : MODES) {
          assertEquals(Arrays.toString(ar), Arrays.toString(decoder.generate(p,
              base.toBuilder().speculation(mode).build()).tokenIds()), mode.toString());
        }
      }
    }
  }

  @Test
  void generate_perfectDraft_acceptsDeepPaths() {
    TestModels.Bundle bundle = TestModels.builder().vocab(96).sharpness(30).draftNoise(0).build();
    GenerationConfig config = GREEDY.toBuilder().maxNewTokens(40).ignoreEos(true).build();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      GenerationResult chain = decoder.generate(Prompt.ofTokens(5, 6, 7),
          TestDecoders.with(config, SpeculationMode.CHAIN, 1, 2, 5));
      // a perfect chain of 5 is accepted whole every round: 6 tokens per round
      assertEquals(6.0, chain.stats().meanAcceptedLength(), 1e-9, chain.stats().toString());
      GenerationResult tree = decoder.generate(Prompt.ofTokens(5, 6, 7), config);
      assertTrue(tree.stats().meanAcceptedLength() > 4, tree.stats().toString());
    }
  }

  @Test
  void generate_randomDraft_stillAcceptsSomething() {
    TestModels.Bundle bundle = TestModels.builder().vocab(16).sharpness(6).draftNoise(100).build();
    try (SpecDecoder decoder = TestDecoders.open(bundle)) {
      GenerationResult r = decoder.generate(Prompt.ofTokens(5, 6, 7),
          GREEDY.toBuilder().maxNewTokens(60).ignoreEos(true).build());
      // with K=10 of V=16 the root's children cover most of the vocabulary even when ranked at random
      assertTrue(r.stats().acceptedTokens() > 0 && r.stats().meanAcceptedLength() < 4, r.stats().toString());
    }
  }
}
