package dev.specvlm.core.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specvlm.core.kv.DraftKv;
import dev.specvlm.core.testmodel.TestEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicTreeDrafterTest {
  private static final int H = 4;
  // tokens: a=20 b=21 c=22 d=23 e=24 f=25 g=26 h=27 i=28 j=29
  private static final int A = 20;
  private static final int B = 21;
  private static final int C = 22;
  private static final int E = 24;
  private static final int G = 26;

  /**
   * K=2, D=2, T=5. Root children a(−0.1), b(−0.5). Step 0: a → c(−0.2), d(−1.0); b → e(−0.3), f(−2.0); cumulative
   * c −0.3, d −1.1, e −0.8, f −2.5; frontier [c, e]. Step 1: c → g(−0.1), h(−0.2) = −0.4, −0.5; e → i(−0.05), j(−1) =
   * −0.85, −1.8. Best 4 of the pool: a −0.1, c −0.3, g −0.4, then b −0.5 ties h −0.5 and wins by pool index.
   * In pool order: a, b, c, g.
   */
  @Test
  void draft_handWorkedExample_matchesEagleExpansionAndRerank() {
    ScriptedDraftState state = new ScriptedDraftState(H, 50)
        .script(A, new int[] {C, 23}, new float[] {-0.2f, -1.0f})
        .script(B, new int[] {E, 25}, new float[] {-0.3f, -2.0f})
        .script(C, new int[] {G, 27}, new float[] {-0.1f, -0.2f})
        .script(E, new int[] {28, 29}, new float[] {-0.05f, -1.0f});
    DraftKv kv = new DraftKv(state, 100, 4, 1);
    DynamicTreeDrafter drafter = new DynamicTreeDrafter(new TestEmbedder(H), H, 2, 5, 2);
    DraftTree tree = new DraftTree(5, 3);
    float[] rootFeature = {99, 0, 0, 0};
    drafter.draft(kv, 7, rootFeature, 0, new int[] {A, B}, new float[] {-0.1f, -0.5f}, tree);

    assertEquals(5, tree.size());
    assertArrayEquals(new int[] {7, A, B, C, G}, java.util.Arrays.copyOf(tree.tokens(), 5));
    assertArrayEquals(new int[] {-1, 0, 0, 1, 3}, new int[] {tree.parent(0), tree.parent(1), tree.parent(2),
        tree.parent(3), tree.parent(4)});
    assertArrayEquals(new int[][] {{0}, {0, 1}, {0, 2}, {0, 1, 3}, {0, 1, 3, 4}}, DraftTreeTest.maskRows(tree));

    assertEquals(2, state.calls.size());
    ScriptedDraftState.Call step0 = state.calls.get(0);
    assertArrayEquals(new int[] {99, 99}, step0.featureTokens(), "level 1 rows carry the root's predicted feature");
    assertArrayEquals(new int[] {50, 50}, step0.positions(), "all K nodes of a step share one draft position");
    assertEquals(List.of(List.of(0), List.of(1)), step0.visible());
    ScriptedDraftState.Call step1 = state.calls.get(1);
    assertArrayEquals(new int[] {A, B}, step1.featureTokens(), "frontier [c, e] carries its parents' predictions");
    assertArrayEquals(new int[] {51, 51}, step1.positions());
    assertEquals(List.of(List.of(0, 2), List.of(1, 3)), step1.visible(), "ancestors plus self");
  }

  @Test
  void draft_siblingsOfOneParent_keepDescendingDraftProbability() {
    ScriptedDraftState state = new ScriptedDraftState(H, 3);
    DraftKv kv = new DraftKv(state, 100, 30, 1);
    DynamicTreeDrafter drafter = new DynamicTreeDrafter(new TestEmbedder(H), H, 3, 12, 3);
    DraftTree tree = new DraftTree(12, 4);
    drafter.draft(kv, 1, new float[H], 0, new int[] {5, 6, 7}, new float[] {-0.1f, -0.2f, -0.3f}, tree);
    for (int m = 0; m < tree.size(); m++) {
      for (int c = tree.firstChild(m); c >= 0 && tree.nextSibling(c) >= 0; c = tree.nextSibling(c)) {
        assertEquals(true, c < tree.nextSibling(c));
      }
      if (m > 0) {
        assertEquals(true, tree.parent(m) < m, "parents precede children");
      }
    }
    assertEquals(12, tree.size());
  }
}
