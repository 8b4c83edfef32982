package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.TargetState;
import dev.specvlm.onnx.reference.AttentionKind;
import dev.specvlm.onnx.reference.WriterOptions;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class OnnxTargetStateTest {
  private static final int H = TestModels.CONFIG.hiddenSize();
  private static final int V = TestModels.CONFIG.vocabSize();

  @TempDir Path dir;

  /** Causal mask over q rows. */
  static AttentionMask causal(int q) {
    return new AttentionMask(q, q).setCausal(q);
  }

  /** Tree mask: row r sees itself and its ancestors ({@code parent[r]}, -1 for a root). */
  static AttentionMask tree(int[] parent) {
    int q = parent.length;
    AttentionMask m = new AttentionMask(q, q).reset(q, q);
    for (int r = 0; r < q; r++) {
      for (int a = r; a >= 0; a = parent[a]) {
        m.set(r, a);
      }
    }
    return m;
  }

  static float[] embed(OnnxModelBundle bundle, int[] ids) {
    float[] out = new float[ids.length * H];
    bundle.embedder().embed(ids, 0, ids.length, out, 0);
    return out;
  }

  static int[] range(int from, int count) {
    int[] p = new int[count];
    for (int i = 0; i < count; i++) {
      p[i] = from + i;
    }
    return p;
  }

  static void assertClose(float[] expected, int expectedOffset, float[] actual, int actualOffset, int n, String what) {
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.abs(expected[expectedOffset + i] - actual[actualOffset + i]));
    }
    assertTrue(max < 2e-4, what + ": max |diff| = " + max);
  }

  /** Prefill of {@code ids} in one state, every row committed; returns [last logits, all features]. */
  static float[][] prefill(TargetState state, OnnxModelBundle bundle, int[] ids, int firstPosition) {
    int q = ids.length;
    float[] logits = new float[V];
    float[] features = new float[q * H];
    state.forward(embed(bundle, ids), q, range(firstPosition, q), causal(q), 1, logits, features);
    state.commit(range(0, q), q);
    return new float[][] {logits, features};
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void commit_treePath_givesTheLogitsOfAFreshPrefill(AttentionKind kind) {
    Path model = TestModels.write(dir.resolve(kind.name()), 11, WriterOptions.defaults().withAttention(kind));
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(model))) {
      Random random = new Random(5);
      int[] prompt = random.ints(6, 4, V).toArray();
      // tree: t0 root; t1, t2 children of t0; t3 child of t1; t4 child of t2 — accepted path t0 → t2 → t4
      int[] treeIds = random.ints(5, 4, V).toArray();
      int[] parent = {-1, 0, 0, 1, 2};
      int[] depth = {0, 1, 1, 2, 2};
      int[] keep = {0, 2, 4};
      int next = 42;

      float[] stepLogits = new float[V];
      float[] stepFeatures = new float[H];
      float[] treeLogits = new float[5 * V];
      float[] treeFeatures = new float[5 * H];
      try (TargetState state = bundle.target().newState(32)) {
        prefill(state, bundle, prompt, 0);
        int[] positions = new int[5];
        for (int r = 0; r < 5; r++) {
          positions[r] = prompt.length + depth[r];
        }
        state.forward(embed(bundle, treeIds), 5, positions, tree(parent), 5, treeLogits, treeFeatures);
        assertEquals(6, state.length());
        state.commit(keep, 3);
        assertEquals(9, state.length());
        state.forward(embed(bundle, new int[] {next}), 1, new int[] {9}, causal(1), 1, stepLogits, stepFeatures);
        state.commit(new int[] {0}, 1);
        assertEquals(10, state.length());
      }

      int[] sequence = {prompt[0], prompt[1], prompt[2], prompt[3], prompt[4], prompt[5], treeIds[0], treeIds[2],
          treeIds[4], next};
      try (TargetState fresh = bundle.target().newState(32)) {
        float[][] out = prefill(fresh, bundle, sequence, 0);
        assertClose(out[0], 0, stepLogits, 0, V, kind + " next-step logits after commit");
        assertClose(out[1], 9 * H, stepFeatures, 0, H, kind + " next-step features after commit");
        for (int j = 0; j < keep.length; j++) { // the tree rows on the path equal the sequential rows
          assertClose(out[1], (6 + j) * H, treeFeatures, keep[j] * H, H, kind + " tree features of row " + keep[j]);
        }
      }
      // the tree's last-path logits equal a sequential prefill's at that position
      try (TargetState fresh = bundle.target().newState(32)) {
        float[] logits = new float[V];
        fresh.forward(embed(bundle, java.util.Arrays.copyOf(sequence, 9)), 9, range(0, 9), causal(9), 1, logits,
            new float[9 * H]);
        assertClose(logits, 0, treeLogits, 4 * V, V, kind + " tree logits of the path's leaf");
      }
    }
    assertEquals(0, NativeResources.liveTensors());
  }

  @Test
  void commit_nothingThenAgain_rollsBackTheTree() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 12)))) {
      int[] prompt = {5, 9, 30, 31};
      float[] a = new float[V];
      float[] b = new float[V];
      try (TargetState state = bundle.target().newState(16)) {
        prefill(state, bundle, prompt, 0);
        state.forward(embed(bundle, new int[] {7, 8}), 2, new int[] {4, 4}, tree(new int[] {-1, -1}), 2,
            new float[2 * V], new float[2 * H]);
        state.commit(new int[0], 0); // reject the whole tree
        assertEquals(4, state.length());
        state.forward(embed(bundle, new int[] {50}), 1, new int[] {4}, causal(1), 1, a, new float[H]);
        state.commit(new int[] {0}, 1);
      }
      try (TargetState fresh = bundle.target().newState(16)) {
        System.arraycopy(prefill(fresh, bundle, new int[] {5, 9, 30, 31, 50}, 0)[0], 0, b, 0, V);
      }
      assertClose(b, 0, a, 0, V, "logits after a rejected tree");
    }
  }

  @Test
  void forward_growingSteps_reusesAndGrowsItsBuffers() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 13)))) {
      int[] ids = new Random(3).ints(40, 4, V).toArray();
      float[] incremental = new float[V];
      try (TargetState state = bundle.target().newState(64)) {
        int done = 0;
        for (int q : new int[] {1, 2, 7, 1, 13, 16}) {
          int[] chunk = java.util.Arrays.copyOfRange(ids, done, done + q);
          float[] features = new float[q * H];
          state.forward(embed(bundle, chunk), q, range(done, q), causal(q), 1, incremental, features);
          state.commit(range(0, q), q);
          done += q;
        }
        assertEquals(40, state.length());
        assertTrue(state.kvBytes() >= 2L * 2 * 2 * 2 * 64 * 16 * 4, "kv bytes " + state.kvBytes());
      }
      try (TargetState fresh = bundle.target().newState(64)) {
        assertClose(prefill(fresh, bundle, ids, 0)[0], 0, incremental, 0, V, "chunked vs one prefill");
      }
    }
  }

  @Test
  void forward_misuse_isRefused() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 14)))) {
      TargetState state = bundle.target().newState(4);
      float[] logits = new float[V];
      float[] features = new float[8 * H];
      assertThrows(IllegalArgumentException.class, // mask size differs from q
          () -> state.forward(embed(bundle, new int[] {5, 6}), 2, range(0, 2), causal(3), 1, logits, features));
      assertThrows(IllegalStateException.class, // beyond capacity
          () -> state.forward(embed(bundle, new int[] {5, 6, 7, 8, 9}), 5, range(0, 5), causal(5), 1, logits,
              features));
      assertThrows(IllegalArgumentException.class, // position outside the context
          () -> state.forward(embed(bundle, new int[] {5}), 1, new int[] {1024}, causal(1), 1, logits, features));
      state.forward(embed(bundle, new int[] {5, 6}), 2, range(0, 2), causal(2), 1, logits, features);
      assertThrows(IllegalStateException.class, // pending rows
          () -> state.forward(embed(bundle, new int[] {5}), 1, range(2, 1), causal(1), 1, logits, features));
      assertThrows(IllegalArgumentException.class, () -> state.commit(new int[] {1, 0}, 2)); // not increasing
      state.commit(new int[] {1}, 1);
      assertEquals(1, state.length());
      state.close();
      state.close(); // idempotent
      assertThrows(IllegalStateException.class, () -> state.commit(new int[0], 0));
    }
    assertEquals(0, NativeResources.liveTensors());
  }
}
