package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.InferenceException;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models that misbehave at run time — NaN or infinite logits, log-probabilities or features from the target or the
 * draft at one position, or a graph that fails inside ONNX Runtime — end the generation with an
 * {@link InferenceException} naming the model and the position, never with a silently wrong token. The fixtures are
 * the test model with a few nodes added to one output (graph surgery); at every other position they compute exactly
 * what the clean model computes, so the same decoder then serves a request that stays clear of the bad position with
 * the clean model's tokens.
 */
class RuntimeFaultTest {
  /** The bad position: beyond the load-time test runs (positions 0–2) and the short request, within the long one. */
  private static final int BAD = 20;
  private static final long SEED = 23;
  private static final Prompt PROMPT = Prompt.ofTokens(5, 6, 7, 8, 9); // BOS + 5 ids: positions 0..5
  /** Reaches position 6 + 30 > BAD in every mode. */
  private static final GenerationConfig LONG = GenerationConfig.builder().maxNewTokens(30).temperature(0)
      .ignoreEos(true).treeBudget(4, 12, 3).build();
  /** Stays below BAD: positions up to 6 + 5 tokens + tree depth 4 < 20. */
  private static final GenerationConfig SHORT = LONG.toBuilder().maxNewTokens(5).build();
  private static final Set<SpeculationMode> SPECULATIVE = EnumSet.complementOf(EnumSet.of(SpeculationMode.AR));

  @TempDir static Path dir;
  static SpecDecoder clean;
  static long sessionsBefore;

  @BeforeAll
  static void open() {
    sessionsBefore = NativeResources.liveSessions();
    clean = OnnxTestDecoders.open(TestModels.write(dir.resolve("clean"), SEED));
  }

  @AfterAll
  static void close() {
    clean.close();
    OnnxTestDecoders.assertNativeResourcesReleased(sessionsBefore);
  }

  /** Runs the long request in each of {@code modes} on the fixture edited by {@code surgery}, expecting the error. */
  private static void assertFailsAtTheBadPosition(String name, Consumer<Path> surgery, Set<SpeculationMode> modes,
      String... fragments) {
    Path model = TestModels.write(dir.resolve(name), SEED);
    surgery.accept(model);
    try (SpecDecoder faulty = OnnxTestDecoders.open(model)) {
      for (SpeculationMode mode : modes) {
        GenerationConfig config = LONG.toBuilder().speculation(mode).build();
        InferenceException e = assertThrows(InferenceException.class, () -> faulty.generate(PROMPT, config),
            name + " in " + mode);
        for (String fragment : fragments) {
          assertTrue(e.getMessage().contains(fragment), () -> mode + ": '" + fragment + "' missing from: "
              + e.getMessage());
        }
        OnnxTestDecoders.assertNoStepResourcesOpen();
        GenerationConfig shortConfig = SHORT.toBuilder().speculation(mode).build();
        assertArrayEquals(clean.generate(PROMPT, shortConfig).tokenIds(),
            faulty.generate(PROMPT, shortConfig).tokenIds(), name + ": the same decoder afterwards, " + mode);
      }
    }
  }

  @Test
  void generate_targetLogitsNaN_namesTargetAndPosition() {
    assertFailsAtTheBadPosition("target-logits-nan",
        m -> GraphSurgery.of(m.resolve(DECODER_FILE)).addAtPosition(LOGITS, BAD, Float.NaN, NUM_LOGITS_TO_KEEP)
            .save(), EnumSet.allOf(SpeculationMode.class), "target model produced NaN in logits", "(position 20)");
  }

  @Test
  void generate_targetLogitsPositiveInfinity_namesTargetAndPosition() {
    assertFailsAtTheBadPosition("target-logits-inf",
        m -> GraphSurgery.of(m.resolve(DECODER_FILE))
            .addAtPosition(LOGITS, BAD, Float.POSITIVE_INFINITY, NUM_LOGITS_TO_KEEP).save(),
        EnumSet.allOf(SpeculationMode.class), "target model produced Infinity in logits", "(position 20)");
  }

  @Test
  void generate_targetLogitsAllNegativeInfinity_saysNoTokenIsPossible() {
    assertFailsAtTheBadPosition("target-logits-minus-inf",
        m -> GraphSurgery.of(m.resolve(DECODER_FILE))
            .addAtPosition(LOGITS, BAD, Float.NEGATIVE_INFINITY, NUM_LOGITS_TO_KEEP).save(),
        EnumSet.allOf(SpeculationMode.class), "target model gave every token a logit of -Infinity",
        "at position 20");
  }

  @Test
  void generate_targetFeaturesNaN_namesTargetAndPosition() {
    assertFailsAtTheBadPosition("target-features-nan",
        m -> GraphSurgery.of(m.resolve(DECODER_FILE)).addAtPosition(HIDDEN_STATES, BAD, Float.NaN, null).save(),
        EnumSet.allOf(SpeculationMode.class), "target model produced NaN in features", "(position 20)");
  }

  @Test
  void generate_draftFeaturesNaN_namesDraftAndPosition() {
    assertFailsAtTheBadPosition("draft-features-nan",
        m -> GraphSurgery.of(m.resolve(DRAFT_FILE)).addAtPosition(HIDDEN_STATES, BAD, Float.NaN, null).save(),
        SPECULATIVE, "draft model produced NaN in predicted features", "(position 20)");
  }

  @Test
  void generate_draftLogProbsNaNOrInfinite_namesDraftAndPosition() {
    assertFailsAtTheBadPosition("draft-logprobs-nan",
        m -> GraphSurgery.of(m.resolve(DRAFT_FILE)).addAtPosition(TOPK_LOG_PROBS, BAD, Float.NaN,
            NUM_LOGITS_TO_KEEP).save(), SPECULATIVE, "draft model produced token", "log-probability NaN",
        "(position 20)");
    assertFailsAtTheBadPosition("draft-logprobs-inf",
        m -> GraphSurgery.of(m.resolve(DRAFT_FILE)).addAtPosition(TOPK_LOG_PROBS, BAD, Float.POSITIVE_INFINITY,
            NUM_LOGITS_TO_KEEP).save(), SPECULATIVE, "log-probability Infinity", "(position 20)");
  }

  @Test
  void generate_targetFailsInsideOnnxRuntime_namesTargetAndPositions() {
    assertFailsAtTheBadPosition("target-runtime-failure",
        m -> GraphSurgery.of(m.resolve(DECODER_FILE)).failAtPosition(LOGITS, BAD).save(),
        EnumSet.allOf(SpeculationMode.class), "target model failed on a step of", "at positions");
  }
}
