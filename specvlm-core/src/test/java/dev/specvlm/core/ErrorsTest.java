package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.ContextLengthException;
import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.InferenceException;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.testmodel.StubVision;
import dev.specvlm.core.testmodel.TestModels;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  private static final GenerationConfig GREEDY = GenerationConfig.builder().temperature(0).maxNewTokens(20)
      .ignoreEos(true).treeBudget(TreeBudget.eagleDefault()).build();

  private static void assertStatesClosed(TestModels.Bundle b) {
    assertEquals(0, b.referenceTarget().openStates(), "target states left open");
    if (b.tunableDraft() != null) {
      assertEquals(0, Objects.requireNonNull(b.tunableDraft()).openStates(), "draft states left open");
    }
  }

  @Test
  void generate_contextOverflow_namesLengthAndLimit() {
    TestModels.Bundle b = TestModels.builder().contextLength(100).build();
    try (SpecDecoder d = TestDecoders.open(b)) {
      Prompt p = Prompt.builder().tokens(5, 6, 7).image(StubVision.image(30, 1)).chatTemplate(false).build();
      ContextLengthException e = assertThrows(ContextLengthException.class,
          () -> d.generate(p, GREEDY.toBuilder().maxNewTokens(20).build())); // 1+3+30 + 20 + 60 - 1 = 113
      assertTrue(e.getMessage().contains("113") && e.getMessage().contains("100"), e.getMessage());
      assertTrue(e.getMessage().contains("30 visual"), e.getMessage());
      // the same request fits autoregressively: 34 + 20 + 1 - 1 = 54
      assertEquals(20, d.generate(p, GREEDY.toBuilder().speculation(SpeculationMode.AR).build()).tokenCount());
    }
    assertStatesClosed(b);
  }

  @Test
  void generate_nanTargetLogitsDuringVerification_throwsNamingTargetAndPosition() {
    TestModels.Bundle b = TestModels.builder().build();
    b.referenceTarget().poisonLogitsAt(9); // prompt is 4 positions: position 9 is inside a verification round
    try (SpecDecoder d = TestDecoders.open(b)) {
      for (SpeculationMode mode : SpeculationMode.values()) {
        InferenceException e = assertThrows(InferenceException.class,
            () -> d.generate(Prompt.ofTokens(5, 6, 7), GREEDY.toBuilder().speculation(mode).build()), mode.name());
        assertTrue(e.getMessage().startsWith("target model") && e.getMessage().contains("position 9"),
            e.getMessage());
      }
    }
    assertStatesClosed(b);
  }

  @Test
  void generate_nanDraftLogProbs_throwsNamingDraft() {
    TestModels.Bundle b = TestModels.builder().build();
    Objects.requireNonNull(b.tunableDraft()).poisonAt(6);
    try (SpecDecoder d = TestDecoders.open(b)) {
      InferenceException e = assertThrows(InferenceException.class,
          () -> d.generate(Prompt.ofTokens(5, 6, 7), GREEDY.toBuilder().temperature(1).build()));
      assertTrue(e.getMessage().startsWith("draft model"), e.getMessage());
    }
    assertStatesClosed(b);
  }

  @Test
  void generate_imageOnTextOnlyModel_isInvalidRequest() {
    TestModels.Bundle b = TestModels.builder().withVision(false).build();
    try (SpecDecoder d = TestDecoders.open(b)) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> d.generate(Prompt.builder().image(StubVision.image(4, 1)).text("ab").build(), GREEDY));
      assertTrue(e.getMessage().contains("text-only"), e.getMessage());
    }
  }

  @Test
  void generate_tokenOutsideVocabulary_isInvalidRequest() {
    try (SpecDecoder d = TestDecoders.open(TestModels.builder().vocab(64).build())) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> d.generate(Prompt.ofTokens(5, 64), GREEDY));
      assertTrue(e.getMessage().contains("64") && e.getMessage().contains("[0, 64)"), e.getMessage());
    }
  }

  @Test
  void generate_speculationWithoutDraft_saysOnlyArWorks() {
    TestModels.Bundle b = TestModels.builder().withDraft(false).build();
    try (SpecDecoder d = TestDecoders.open(b)) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> d.generate(Prompt.ofTokens(5, 6), GREEDY));
      assertTrue(e.getMessage().contains("no draft") && e.getMessage().contains("AR"), e.getMessage());
      assertEquals(FinishReason.LENGTH,
          d.generate(Prompt.ofTokens(5, 6), GREEDY.toBuilder().speculation(SpeculationMode.AR).build())
              .finishReason());
    }
  }

  @Test
  void generate_topKAboveVocabulary_isInvalidRequest() {
    try (SpecDecoder d = TestDecoders.open(TestModels.builder().vocab(16).build())) {
      assertThrows(InvalidRequestException.class,
          () -> d.generate(Prompt.ofTokens(5, 6), GREEDY.toBuilder().treeBudget(20, 30, 2).build()));
    }
  }

  @Test
  void generate_listenerThrows_wrapsItAndReleasesStates() {
    TestModels.Bundle b = TestModels.builder().build();
    try (SpecDecoder d = TestDecoders.open(b)) {
      dev.specvlm.SpecVlmException e = assertThrows(dev.specvlm.SpecVlmException.class,
          () -> d.generate(Prompt.ofTokens(5, 6), GREEDY, (id, text) -> {
            throw new IllegalStateException("boom");
          }));
      assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    }
    assertStatesClosed(b);
  }
}
