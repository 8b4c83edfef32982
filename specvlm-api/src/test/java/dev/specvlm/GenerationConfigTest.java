package dev.specvlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GenerationConfigTest {

  @Test
  void defaults_areGreedyDynamicTreeWithEagleBudget() {
    GenerationConfig c = GenerationConfig.defaults();
    assertEquals(0.0, c.temperature());
    assertFalse(c.isSampling());
    assertEquals(SpeculationMode.DYNAMIC_TREE, c.speculation());
    assertEquals(TreeBudget.auto(), c.treeBudget());
    assertEquals(VerificationSampler.COUPLED, c.verificationSampler());
    assertTrue(c.seed().isEmpty());
  }

  @Test
  void toBuilder_roundTripsEveryField() {
    GenerationConfig c = GenerationConfig.builder()
        .maxNewTokens(12).temperature(0.7).topK(5).topP(0.9).minP(0.05).repetitionPenalty(1.2).seed(42)
        .eosTokenIds(2, 3).ignoreEos(true).addStopTokenSequence(7, 8).addStopString("\n\n")
        .speculation(SpeculationMode.CHAIN).treeBudget(4, 20, 3).verificationSampler(VerificationSampler.REJECTION)
        .timeout(Duration.ofSeconds(3)).build();
    assertEquals(c, c.toBuilder().build());
    assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
  }

  @Test
  void stopTokenSequences_areDefensiveCopies() {
    int[] seq = {1, 2};
    GenerationConfig c = GenerationConfig.builder().addStopTokenSequence(seq).build();
    seq[0] = 99;
    c.stopTokenSequences().get(0)[1] = 99;
    assertEquals(1, c.stopTokenSequences().get(0)[0]);
    assertEquals(2, c.stopTokenSequences().get(0)[1]);
  }

  @Test
  void temperature_negativeOrNaN_isRefusedWithTheValue() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> GenerationConfig.builder().temperature(-0.5));
    assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().temperature(Double.NaN));
  }

  @Test
  void samplingSettings_outOfRange_areRefused() {
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().topP(0));
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().topP(1.01));
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().topK(-1));
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().minP(1));
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().repetitionPenalty(0));
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().maxNewTokens(0));
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().addStopString(""));
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().addStopTokenSequence());
    assertThrows(InvalidRequestException.class, () -> GenerationConfig.builder().timeout(Duration.ZERO));
  }

  @Test
  void treeBudget_largerThanCandidatePool_isRefusedWithThePoolSize() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> TreeBudget.of(2, 20, 2));
    assertTrue(e.getMessage().contains("1 + K + D·K² = 11"), e.getMessage());
    assertThrows(InvalidRequestException.class, () -> TreeBudget.of(0, 10, 2));
    assertThrows(InvalidRequestException.class, () -> TreeBudget.of(2, 1, 2));
    assertThrows(InvalidRequestException.class, () -> TreeBudget.of(2, 4, 0));
  }
}
