package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.DecoderParityTest.assertClose;
import static dev.specvlm.onnx.reference.Fixtures.*;
import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The draft graph equals the reference to 1e-4: predicted features, top-k ids (exactly) and log-probabilities, and its
 * cache, for a prefill and for a tree step with tentative rows sharing positions.
 */
class DraftParityTest {
  private static final ReferenceConfig CONFIG = ReferenceConfig.tiny();
  private static final ReferenceWeights WEIGHTS = ReferenceWeights.random(CONFIG, 21);
  private static final ReferenceVlm REFERENCE = new ReferenceVlm(WEIGHTS);

  private static OrtModel.Outputs run(OrtModel model, double[][] embeds, double[][] features, long[] positions,
      double[][] mask, ReferenceVlm.Cache past, long keep, long topK) throws Exception {
    int q = embeds.length;
    int h = CONFIG.hiddenSize();
    long[] cacheShape = {1, CONFIG.numKvHeads(), past.length(), CONFIG.headDim()};
    return model.run(new OrtModel.Inputs()
        .floats(INPUTS_EMBEDS, flat(embeds), 1, q, h)
        .floats(FEATURES, flat(features), 1, q, h)
        .longs(POSITION_IDS, positions, 1, q)
        .floats(ATTENTION_MASK, flat(mask), 1, 1, q, past.length() + q)
        .floats(pastKey(0), flat(past.keys.get(0)), cacheShape)
        .floats(pastValue(0), flat(past.values.get(0)), cacheShape)
        .longs(NUM_LOGITS_TO_KEEP, new long[] {keep}, 1)
        .longs(TOP_K, new long[] {topK}, 1));
  }

  /** Checks features, cache and the top-k of the last {@code kept} rows against the reference. */
  private static void assertStep(OrtModel.Outputs out, ReferenceVlm.DraftStep expected, int kept, int k) {
    assertClose(flat(expected.hidden()), out.floats(HIDDEN_STATES), "hidden_states");
    assertClose(flat(expected.present().keys.get(0)), out.floats(presentKey(0)), "present key");
    assertClose(flat(expected.present().values.get(0)), out.floats(presentValue(0)), "present value");
    assertArrayEquals(new long[] {1, kept, k}, out.shape(TOPK_IDS));
    double[][] rows = lastRows(expected.logProbs(), kept);
    long[] ids = new long[kept * k];
    float[] logProbs = new float[kept * k];
    for (int r = 0; r < kept; r++) {
      double[] row = rows[r];
      int[] order = IntStream.range(0, row.length).boxed()
          .sorted(Comparator.comparingDouble((Integer i) -> -row[i])).mapToInt(Integer::intValue).toArray();
      for (int j = 0; j < k; j++) {
        ids[r * k + j] = order[j];
        logProbs[r * k + j] = (float) row[order[j]];
      }
    }
    assertArrayEquals(ids, out.longs(TOPK_IDS), "top-k ids");
    assertClose(logProbs, out.floats(TOPK_LOG_PROBS), "top-k log-probs");
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void draft_prefillAndTreeStepMatchReference(AttentionKind kind) throws Exception {
    Random random = new Random(5);
    int h = CONFIG.hiddenSize();
    ReferenceVlm.Cache empty = ReferenceVlm.Cache.empty(1, CONFIG.numKvHeads());
    try (OrtModel model = OrtModel.of(ReferenceModelWriter.draft(WEIGHTS, WriterOptions.defaults()
        .withAttention(kind)))) {
      // prefill over 5 (next embedding, feature) pairs, top-8 of every row
      double[][] embeds = REFERENCE.embed(ids(random, 5, CONFIG.vocabSize()));
      double[][] features = gaussian(random, 5, h);
      ReferenceVlm.DraftStep prefill = REFERENCE.draft(embeds, features, range(0, 5), causal(0, 5), empty);
      assertStep(run(model, embeds, features, range(0, 5), causal(0, 5), empty, 0, 8), prefill, 5, 8);

      // tree step: 4 tentative rows, 0 → {1, 2}, 2 → 3, positions 5, 6, 6, 7; top-4 of the last 3 rows
      double[][] treeEmbeds = REFERENCE.embed(ids(random, 4, CONFIG.vocabSize()));
      double[][] treeFeatures = gaussian(random, 4, h);
      long[] positions = {5, 6, 6, 7};
      double[][] mask = tree(5, new int[] {-1, 0, 0, 2});
      ReferenceVlm.DraftStep step = REFERENCE.draft(treeEmbeds, treeFeatures, positions, mask, prefill.present());
      assertStep(run(model, treeEmbeds, treeFeatures, positions, mask, prefill.present(), 3, 4), step, 3, 4);

      // sensitivity of the reference itself
      double[][] causalHidden = REFERENCE.draft(treeEmbeds, treeFeatures, positions, causal(5, 4),
          prefill.present()).hidden();
      double[][] sequentialHidden = REFERENCE.draft(treeEmbeds, treeFeatures, range(5, 4), mask,
          prefill.present()).hidden();
      assertTrue(maxAbsDiff(step.hidden(), causalHidden) > 0.05, "a causal mask must change the draft features");
      assertTrue(maxAbsDiff(step.hidden(), sequentialHidden) > 0.05, "positions must change the draft features");
    }
  }

  @Test
  void draft_fusionOrder_isEmbeddingThenFeature() {
    Random random = new Random(6);
    ReferenceVlm.Cache empty = ReferenceVlm.Cache.empty(1, CONFIG.numKvHeads());
    double[][] a = gaussian(random, 3, CONFIG.hiddenSize());
    double[][] b = gaussian(random, 3, CONFIG.hiddenSize());
    double[][] ab = REFERENCE.draft(a, b, range(0, 3), causal(0, 3), empty).hidden();
    double[][] ba = REFERENCE.draft(b, a, range(0, 3), causal(0, 3), empty).hidden();
    assertTrue(maxAbsDiff(ab, ba) > 0.05, "swapping embedding and feature must change the output");
  }

  @Test
  void draft_graph_hasNoFullVocabularyOutput() {
    var outputs = ReferenceModelWriter.draft(WEIGHTS, WriterOptions.defaults()).getGraph().getOutputList();
    assertEquals(Arrays.asList(HIDDEN_STATES, TOPK_LOG_PROBS, TOPK_IDS, presentKey(0), presentValue(0)),
        outputs.stream().map(o -> o.getName()).toList());
  }
}
