package dev.specvlm.onnx;

import static dev.specvlm.onnx.OnnxTargetStateTest.assertClose;
import static dev.specvlm.onnx.OnnxTargetStateTest.causal;
import static dev.specvlm.onnx.OnnxTargetStateTest.embed;
import static dev.specvlm.onnx.OnnxTargetStateTest.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.DraftState;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxDraftStateTest {
  private static final int H = TestModels.CONFIG.hiddenSize();
  private static final int V = TestModels.CONFIG.vocabSize();
  private static final int K = 6;

  @TempDir Path dir;

  private static float[] gaussian(Random random, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  /** Outputs of one draft forward. */
  private record Out(float[] hidden, int[] ids, float[] logProbs) {}

  private static Out forward(DraftState state, float[] features, float[] embeds, int q, int[] positions,
      AttentionMask mask, boolean stable, int headRows) {
    Out out = new Out(new float[q * H], new int[Math.max(1, headRows) * K], new float[Math.max(1, headRows) * K]);
    state.forward(features, embeds, q, positions, mask, stable, headRows, K, out.hidden, out.ids, out.logProbs);
    return out;
  }

  @Test
  void discardTentative_thenStableStep_equalsAFreshSequentialRun() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 21)))) {
      Random random = new Random(8);
      int n = 5;
      float[] features = gaussian(random, (n + 1) * H);
      float[] embeds = embed(bundle, random.ints(n + 1, 4, V).toArray());
      Out tentativeLeaf;
      Out step;
      try (DraftState state = bundle.draft().newState(16, 8)) {
        forward(state, features, embeds, n, range(0, n), causal(n), true, 1);
        assertEquals(n, state.stableLength());
        // depth 1: two siblings at position n; depth 2: one child of the second sibling at n + 1
        float[] treeFeatures = gaussian(random, 3 * H);
        float[] treeEmbeds = embed(bundle, new int[] {10, 11, 12});
        AttentionMask first = new AttentionMask(2, 2).reset(2, 2);
        first.set(0, 0);
        first.set(1, 1);
        forward(state, treeFeatures, treeEmbeds, 2, new int[] {n, n}, first, false, 2);
        AttentionMask second = new AttentionMask(1, 3).reset(1, 3);
        second.set(0, 1); // the second sibling
        second.set(0, 2); // itself
        tentativeLeaf = forward(state, Arrays.copyOfRange(treeFeatures, 2 * H, 3 * H),
            Arrays.copyOfRange(treeEmbeds, 2 * H, 3 * H), 1, new int[] {n + 1}, second, false, 1);
        assertEquals(3, state.tentativeLength());
        state.discardTentative();
        assertEquals(0, state.tentativeLength());
        step = forward(state, Arrays.copyOfRange(features, n * H, (n + 1) * H),
            Arrays.copyOfRange(embeds, n * H, (n + 1) * H), 1, new int[] {n}, causal(1), true, 1);
        assertEquals(n + 1, state.stableLength());

        // the tree leaf equals a sequential run of stable rows, the second sibling, then the leaf
        try (DraftState fresh = bundle.draft().newState(16, 0)) {
          float[] f = concat(Arrays.copyOf(features, n * H), Arrays.copyOfRange(treeFeatures, H, 3 * H));
          float[] e = concat(Arrays.copyOf(embeds, n * H), Arrays.copyOfRange(treeEmbeds, H, 3 * H));
          int[] positions = {0, 1, 2, 3, 4, n, n + 1};
          Out seq = forward(fresh, f, e, n + 2, positions, causal(n + 2), true, 1);
          assertClose(seq.hidden, (n + 1) * H, tentativeLeaf.hidden, 0, H, "tree leaf features");
          assertArrayEquals(seq.ids, tentativeLeaf.ids);
          assertClose(seq.logProbs, 0, tentativeLeaf.logProbs, 0, K, "tree leaf log-probabilities");
        }
      }
      try (DraftState fresh = bundle.draft().newState(16, 0)) {
        Out seq = forward(fresh, features, embeds, n + 1, range(0, n + 1), causal(n + 1), true, n + 1);
        assertClose(seq.hidden, n * H, step.hidden, 0, H, "features after discarding the tree");
        assertArrayEquals(Arrays.copyOfRange(seq.ids, n * K, (n + 1) * K), step.ids);
        assertClose(seq.logProbs, n * K, step.logProbs, 0, K, "log-probabilities after discarding the tree");
        for (int i = 1; i < K; i++) {
          assertTrue(seq.logProbs[i] <= seq.logProbs[i - 1], "top-k descending");
        }
      }
    }
    assertEquals(0, NativeResources.liveTensors());
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void forward_misuse_isRefused() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 22)))) {
      DraftState state = bundle.draft().newState(8, 4);
      float[] x = new float[4 * H];
      Out tentative = forward(state, x, x, 1, new int[] {0}, causal(1), false, 1);
      assertEquals(K, tentative.ids.length);
      assertThrows(IllegalStateException.class, // stable rows with a tentative region
          () -> forward(state, x, x, 1, new int[] {1}, new AttentionMask(1, 2).reset(1, 2), true, 1));
      assertThrows(IllegalArgumentException.class, // mask must cover the tentative region
          () -> forward(state, x, x, 1, new int[] {1}, causal(1), false, 1));
      assertThrows(IllegalArgumentException.class, () -> state.forward(x, x, 1, new int[] {1},
          new AttentionMask(1, 2).reset(1, 2), false, 1, V + 1, x, new int[V + 1], new float[V + 1]));
      state.close();
      assertThrows(IllegalStateException.class, state::discardTentative);
    }
    assertEquals(0, NativeResources.liveTensors());
  }
}
