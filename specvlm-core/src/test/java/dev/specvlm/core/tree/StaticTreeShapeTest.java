package dev.specvlm.core.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.core.kv.DraftKv;
import dev.specvlm.core.testmodel.TestEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticTreeShapeTest {
  private static int[] parents(StaticTreeShape s) {
    int[] p = new int[s.size()];
    for (int m = 0; m < s.size(); m++) {
      p[m] = s.parent(m);
    }
    return p;
  }

  private static int[] ranks(StaticTreeShape s) {
    int[] r = new int[s.size()];
    for (int m = 0; m < s.size(); m++) {
      r[m] = s.rank(m);
    }
    return r;
  }

  /** Priors 0.6 (rank 0), 0.24 (rank 1): best four are 0.6, 0.36 (0.6²), 0.24, 0.216 (0.6³). */
  @Test
  void forBudget_handWorkedPrior_picksBestFourBreadthFirst() {
    StaticTreeShape s = StaticTreeShape.forBudget(2, 5, 2);
    assertArrayEquals(new int[] {-1, 0, 0, 1, 3}, parents(s));
    assertArrayEquals(new int[] {0, 0, 1, 0, 0}, ranks(s));
    assertEquals(3, s.deepest());
  }

  @Test
  void forBudget_eagleDefault_isAValidTreeWithinTheBudget() {
    StaticTreeShape s = StaticTreeShape.forBudget(10, 60, 7);
    assertEquals(60, s.size());
    assertTrue(s.deepest() <= 8);
    for (int m = 1; m < s.size(); m++) {
      assertTrue(s.parent(m) < m);
      assertTrue(s.rank(m) < 10);
    }
  }

  @Test
  void chain_isOnePathOfTopTokens() {
    StaticTreeShape s = StaticTreeShape.chain(3);
    assertArrayEquals(new int[] {-1, 0, 1, 2}, parents(s));
    assertArrayEquals(new int[] {0, 0, 0, 0}, ranks(s));
    assertEquals(2, s.steps());
  }

  @Test
  void draft_staticShape_fillsTokensByRankWithSharedPositions() {
    StaticTreeShape s = StaticTreeShape.forBudget(2, 5, 2); // root → 1 (r0), 2 (r1); 1 → 3; 3 → 4
    ScriptedDraftState state = new ScriptedDraftState(4, 10)
        .script(30, new int[] {32, 33}, new float[] {-0.1f, -0.9f})
        .script(32, new int[] {34, 35}, new float[] {-0.2f, -0.8f});
    DraftKv kv = new DraftKv(state, 100, s.frontierTotal(), 1);
    StaticTreeDrafter drafter = new StaticTreeDrafter(new TestEmbedder(4), 4, s);
    assertEquals(2, drafter.rootWidth());
    DraftTree tree = new DraftTree(s.size(), s.deepest());
    drafter.draft(kv, 7, new float[] {99, 0, 0, 0}, 0, new int[] {30, 31}, new float[] {-0.1f, -0.5f}, tree);
    assertArrayEquals(new int[] {7, 30, 31, 32, 34}, java.util.Arrays.copyOf(tree.tokens(), 5));
    assertEquals(2, state.calls.size());
    assertArrayEquals(new int[] {10}, state.calls.get(0).positions());
    assertArrayEquals(new int[] {99}, state.calls.get(0).featureTokens());
    assertArrayEquals(new int[] {11}, state.calls.get(1).positions());
    assertArrayEquals(new int[] {30}, state.calls.get(1).featureTokens());
    assertEquals(List.of(List.of(0, 1)), state.calls.get(1).visible());
  }
}
