package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.ModelInfo;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.testmodel.ReferenceTarget;
import dev.specvlm.core.testmodel.StubVision;
import dev.specvlm.core.testmodel.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderApiTest {
  @Test
  void stats_speculativeRun_areCompleteAndConsistent() {
    TestModels.Bundle b = TestModels.builder().sharpness(12).draftNoise(0.5).build();
    try (SpecDecoder d = TestDecoders.open(b)) {
      Prompt p = Prompt.builder().text("ab").image(StubVision.image(12, 3)).tokens(9, 10).build();
      GenerationResult r = d.generate(p, GenerationConfig.builder().temperature(0).maxNewTokens(30).ignoreEos(true)
          .treeBudget(TreeBudget.eagleDefault()).build());
      SpecStats s = r.stats();
      assertEquals(SpeculationMode.DYNAMIC_TREE, s.mode());
      assertEquals(TreeBudget.eagleDefault(), s.treeBudget());
      // BOS + "x" (template prefix) + "ab" + 12 slots + 2 tokens + " the." (2 tokens)
      assertEquals(1 + 1 + 1 + 12 + 2 + 2, s.promptTokens());
      assertEquals(12, s.visualTokens());
      assertEquals(12, s.draftVisualTokens());
      assertEquals("none", s.compressorBranch());
      assertEquals(30, s.generatedTokens());
      assertEquals(59L * s.rounds(), s.draftedTokens());
      assertEquals(8, s.acceptedPerDepth().size());
      assertEquals(s.acceptedTokens(), s.acceptedPerDepth().stream().mapToLong(Integer::longValue).sum());
      for (int i = 1; i < 8; i++) {
        assertTrue(s.acceptedPerDepth().get(i) <= s.acceptedPerDepth().get(i - 1));
      }
      assertTrue(s.acceptedTokens() + s.rounds() + 1 >= 30, "every generated token came from a round or prefill");
      assertTrue(s.prefillNanos() > 0 && s.draftNanos() > 0 && s.verifyNanos() > 0 && s.commitNanos() > 0);
      assertTrue(s.firstTokenNanos() > 0 && s.firstTokenNanos() <= s.totalNanos());
      assertTrue(s.peakKvBytes() >= (long) (s.promptTokens() + 29) * ReferenceTarget.BYTES_PER_POSITION);
      assertTrue(s.visionNanos() > 0);
      assertTrue(s.targetForwardNanos() > 0 && s.targetForwardNanos() <= s.verifyNanos());
      assertTrue(s.draftForwardNanos() > 0 && s.draftForwardNanos() <= s.draftNanos());
      assertTrue(s.modelNanos() >= s.visionNanos() + s.targetForwardNanos() + s.draftForwardNanos());
      assertTrue(s.modelNanos() <= s.totalNanos());
      assertEquals(1 - (double) s.modelNanos() / s.totalNanos(), s.outsideModelShare(), 1e-12);
    }
  }

  @Test
  void stats_autoregressiveRun_countsOneRoundPerTokenAfterTheFirst() {
    try (SpecDecoder d = TestDecoders.open(TestModels.builder().build())) {
      GenerationResult r = d.generate(Prompt.ofTokens(5, 6), GenerationConfig.builder().speculation(SpeculationMode.AR)
          .maxNewTokens(10).ignoreEos(true).build());
      assertEquals(9, r.stats().rounds());
      assertEquals(0, r.stats().draftedTokens());
      assertEquals(List.of(), r.stats().acceptedPerDepth());
      assertEquals(1.0, r.stats().meanAcceptedLength());
    }
  }

  @Test
  void encodeDecode_roundTripAndRejectOutOfVocabulary() {
    try (SpecDecoder d = TestDecoders.open(TestModels.builder().vocab(64).build())) {
      int[] ids = d.encode("ab the cab");
      assertEquals("ab the cab", d.decode(ids));
      assertThrows(InvalidRequestException.class, () -> d.decode(new int[] {3, 64}));
    }
  }

  @Test
  void modelInfo_describesTheBundle() {
    try (SpecDecoder d = TestDecoders.open(TestModels.builder().vocab(64).withDraft(false).build())) {
      ModelInfo info = d.modelInfo();
      assertEquals(64, info.vocabSize());
      assertTrue(info.hasVision());
      assertTrue(!info.hasDraft());
      assertEquals(List.of(0), info.eosTokenIds());
      assertEquals("cpu", info.executionDevice());
    }
  }

  @Test
  void generate_concurrentRequests_eachMatchItsSequentialResult() throws Exception {
    TestModels.Bundle b = TestModels.builder().build();
    try (SpecDecoder d = TestDecoders.open(b)) {
      List<Prompt> prompts = TestDecoders.prompts(8, 64, true, 9);
      GenerationConfig c = GenerationConfig.builder().temperature(0.8).seed(5).maxNewTokens(20).build();
      int[][] sequential = new int[prompts.size()][];
      for (int i = 0; i < prompts.size(); i++) {
        sequential[i] = d.generate(prompts.get(i), c).tokenIds();
      }
      List<dev.specvlm.GenerationHandle> handles = new java.util.ArrayList<>();
      for (Prompt p : prompts) {
        handles.add(d.generateAsync(p, c));
      }
      for (int i = 0; i < prompts.size(); i++) {
        assertArrayEquals(sequential[i], handles.get(i).join().tokenIds());
      }
    }
  }

  @Test
  void speculativeEngine_newDecoder_generates() {
    try (SpecDecoder d = SpeculativeEngine.newDecoder(TestModels.builder().build(), null)) {
      GenerationResult r = d.generate(Prompt.ofTokens(5, 6), GenerationConfig.builder().maxNewTokens(5)
          .ignoreEos(true).build());
      assertEquals(5, r.tokenCount());
    }
  }
}
