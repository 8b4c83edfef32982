package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.Fixtures.*;
import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decoder graph equals the plain-Java reference to 1e-4 for every attention kind: prefill with an empty cache, a
 * single-token step, a tree verification step with repeated positions, an arbitrary (non-topological) mask, and
 * {@code num_logits_to_keep} below q. GQA is on (4 query heads over 2 key/value heads).
 */
class DecoderParityTest {
  private static final double TOLERANCE = 1e-4;
  private static final ReferenceConfig CONFIG = ReferenceConfig.tiny();
  private static final ReferenceWeights WEIGHTS = ReferenceWeights.random(CONFIG, 7);
  private static final ReferenceVlm REFERENCE = new ReferenceVlm(WEIGHTS);

  /** One decoder call on ORT, with its past taken from the reference cache. */
  private static OrtModel.Outputs run(OrtModel model, double[][] embeds, long[] positions, double[][] mask,
      ReferenceVlm.Cache past, long keep) throws Exception {
    int q = embeds.length;
    int pastLength = past.length();
    OrtModel.Inputs in = new OrtModel.Inputs()
        .floats(INPUTS_EMBEDS, flat(embeds), 1, q, CONFIG.hiddenSize())
        .longs(POSITION_IDS, positions, 1, q)
        .floats(ATTENTION_MASK, flat(mask), 1, 1, q, pastLength + q)
        .longs(NUM_LOGITS_TO_KEEP, new long[] {keep}, 1);
    for (int i = 0; i < CONFIG.numLayers(); i++) {
      long[] shape = {1, CONFIG.numKvHeads(), pastLength, CONFIG.headDim()};
      in.floats(pastKey(i), flat(past.keys.get(i)), shape).floats(pastValue(i), flat(past.values.get(i)), shape);
    }
    return model.run(in);
  }

  private static void assertStep(OrtModel.Outputs out, ReferenceVlm.DecoderStep expected, int keptRows) {
    double[][] logits = lastRows(expected.logits(), keptRows);
    assertArrayEquals(new long[] {1, keptRows, CONFIG.vocabSize()}, out.shape(LOGITS));
    assertClose(flat(logits), out.floats(LOGITS), "logits");
    assertClose(flat(expected.hidden()), out.floats(HIDDEN_STATES), "hidden_states");
    for (int i = 0; i < CONFIG.numLayers(); i++) {
      assertClose(flat(expected.present().keys.get(i)), out.floats(presentKey(i)), presentKey(i));
      assertClose(flat(expected.present().values.get(i)), out.floats(presentValue(i)), presentValue(i));
    }
  }

  static void assertClose(float[] expected, float[] actual, String what) {
    double diff = maxAbsDiff(expected, actual);
    assertTrue(diff <= TOLERANCE, what + ": max |ORT - reference| = " + diff + " > " + TOLERANCE);
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void decoder_prefillStepAndTreeMatchReference(AttentionKind kind) throws Exception {
    Random random = new Random(11);
    try (OrtModel model = OrtModel.of(ReferenceModelWriter.decoder(WEIGHTS, WriterOptions.defaults()
        .withAttention(kind)))) {
      // prefill: 6 positions, empty cache, all logits
      ReferenceVlm.Cache empty = ReferenceVlm.Cache.empty(CONFIG.numLayers(), CONFIG.numKvHeads());
      double[][] prompt = REFERENCE.embed(ids(random, 6, CONFIG.vocabSize()));
      ReferenceVlm.DecoderStep prefill = REFERENCE.decoder(prompt, range(0, 6), causal(0, 6), empty);
      assertStep(run(model, prompt, range(0, 6), causal(0, 6), empty, 0), prefill, 6);
      // the same prefill keeping the logits of the last 2 rows only
      assertStep(run(model, prompt, range(0, 6), causal(0, 6), empty, 2), prefill, 2);

      // one token with 6 cached positions
      double[][] token = REFERENCE.embed(ids(random, 1, CONFIG.vocabSize()));
      ReferenceVlm.DecoderStep step = REFERENCE.decoder(token, range(6, 1), causal(6, 1), prefill.present());
      assertStep(run(model, token, range(6, 1), causal(6, 1), prefill.present(), 1), step, 1);

      // a tree of 5 nodes over 7 cached positions: 0 → {1, 2}, 1 → 3, 2 → 4; positions 7, 8, 8, 9, 9
      double[][] nodes = REFERENCE.embed(ids(random, 5, CONFIG.vocabSize()));
      long[] treePositions = {7, 8, 8, 9, 9};
      double[][] treeMask = tree(7, new int[] {-1, 0, 0, 1, 2});
      ReferenceVlm.DecoderStep verify = REFERENCE.decoder(nodes, treePositions, treeMask, step.present());
      assertStep(run(model, nodes, treePositions, treeMask, step.present(), 0), verify, 5);
      assertStep(run(model, nodes, treePositions, treeMask, step.present(), 3), verify, 3);
    }
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void decoder_maskLettingARowSeeALaterRow_isHonoured(AttentionKind kind) throws Exception {
    Random random = new Random(12);
    ReferenceVlm.Cache empty = ReferenceVlm.Cache.empty(CONFIG.numLayers(), CONFIG.numKvHeads());
    double[][] prompt = REFERENCE.embed(ids(random, 4, CONFIG.vocabSize()));
    double[][] mask = causal(0, 4);
    mask[0][3] = 0; // row 0 sees row 3: no causal kernel can do this
    mask[2][1] = DROP;
    ReferenceVlm.DecoderStep expected = REFERENCE.decoder(prompt, range(0, 4), mask, empty);
    try (OrtModel model = OrtModel.of(ReferenceModelWriter.decoder(WEIGHTS, WriterOptions.defaults()
        .withAttention(kind)))) {
      assertStep(run(model, prompt, range(0, 4), mask, empty, 0), expected, 4);
    }
    ReferenceVlm.DecoderStep causalResult = REFERENCE.decoder(prompt, range(0, 4), causal(0, 4), empty);
    assertTrue(maxAbsDiff(expected.logits(), causalResult.logits()) > 0.05, "the mask must matter");
  }

  @Test
  void reference_treeStep_isSensitiveToMaskAndPositions() {
    Random random = new Random(11);
    ReferenceVlm.Cache empty = ReferenceVlm.Cache.empty(CONFIG.numLayers(), CONFIG.numKvHeads());
    double[][] prompt = REFERENCE.embed(ids(random, 7, CONFIG.vocabSize()));
    ReferenceVlm.Cache past = REFERENCE.decoder(prompt, range(0, 7), causal(0, 7), empty).present();
    double[][] nodes = REFERENCE.embed(ids(random, 5, CONFIG.vocabSize()));
    long[] treePositions = {7, 8, 8, 9, 9};
    double[][] treeMask = tree(7, new int[] {-1, 0, 0, 1, 2});
    double[][] tree = REFERENCE.decoder(nodes, treePositions, treeMask, past).logits();
    double[][] causalMask = REFERENCE.decoder(nodes, treePositions, causal(7, 5), past).logits();
    double[][] sequential = REFERENCE.decoder(nodes, range(7, 5), treeMask, past).logits();
    assertTrue(maxAbsDiff(tree, causalMask) > 0.05, "a causal mask must change the tree logits noticeably");
    assertTrue(maxAbsDiff(tree, sequential) > 0.05, "sequential positions must change the tree logits noticeably");
  }
}
