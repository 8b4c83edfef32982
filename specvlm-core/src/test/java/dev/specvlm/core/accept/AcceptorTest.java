package dev.specvlm.core.accept;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.core.tree.DraftTree;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AcceptorTest {
  private static final int V = 6;

  /** Root (token 0) → 1 (token 2), 2 (token 3); node 1 → 3 (token 4). */
  private static DraftTree tree() {
    DraftTree t = new DraftTree(4, 2);
    t.reset(0);
    t.add(2, 0);
    t.add(3, 0);
    t.add(4, 1);
    t.finish();
    return t;
  }

  /** Logits rows [4, V] where row m's arg max is {@code winners[m]}. */
  private static float[] logitsWithWinners(int... winners) {
    float[] l = new float[winners.length * V];
    for (int m = 0; m < winners.length; m++) {
      l[m * V + winners[m]] = 5;
    }
    return l;
  }

  @Test
  void greedy_followsArgmaxAlongThePathAndTakesTheBonus() {
    LogitsProcessor p = new LogitsProcessor(GenerationConfig.builder().temperature(0).build(), V);
    GreedyAcceptor a = new GreedyAcceptor(p, new TokenContext(V));
    AcceptanceResult r = new AcceptanceResult(2);
    a.accept(tree(), logitsWithWinners(2, 4, 0, 5), 10, 0, r); // root → 2 (node 1) → 4 (node 3) → bonus 5
    assertEquals(2, r.accepted());
    assertArrayEquals(new int[] {0, 1, 3}, Arrays.copyOf(r.pathNodes(), 3));
    assertArrayEquals(new int[] {2, 4, 5}, Arrays.copyOf(r.newTokens(), 3));
    a.accept(tree(), logitsWithWinners(3, 0, 1, 0), 10, 0, r); // root → 3 (node 2, a leaf) → bonus 1
    assertArrayEquals(new int[] {0, 2}, Arrays.copyOf(r.pathNodes(), 2));
    assertArrayEquals(new int[] {3, 1}, Arrays.copyOf(r.newTokens(), 2));
    a.accept(tree(), logitsWithWinners(1, 0, 0, 0), 10, 0, r); // no child matches: bonus only
    assertEquals(0, r.accepted());
    assertEquals(1, r.bonus());
  }

  @Test
  void coupled_takesThePerPositionSample() {
    LogitsProcessor p = new LogitsProcessor(GenerationConfig.builder().temperature(1).build(), V);
    CoupledAcceptor a = new CoupledAcceptor(p, new TokenContext(V), 77);
    AcceptanceResult r = new AcceptanceResult(2);
    float[] logits = new float[4 * V]; // uniform rows
    for (int next = 0; next < 50; next++) {
      a.accept(tree(), logits, 0, next, r);
      int expectedFirst = (int) (PositionUniforms.uniform(77, next) * V);
      assertEquals(expectedFirst, r.newToken(0), "uniform rows: the inverse CDF is floor(u·V)");
      if (expectedFirst == 2) {
        assertEquals(1, r.accepted() >= 1 ? 1 : 0);
        assertEquals((int) (PositionUniforms.uniform(77, next + 1) * V), r.newToken(1));
      }
    }
  }

  @Test
  void rejection_residualAfterRejectingOneOfTwo_acceptsTheOther() {
    // root row: top-k 2 keeps tokens 2 and 3 only; both are drafted children of the root, so a rejection of 2 leaves
    // the residual {3}, which must then be accepted: the root never ends in a bonus
    LogitsProcessor p = new LogitsProcessor(GenerationConfig.builder().temperature(1).topK(2).build(), V);
    float[] logits = new float[4 * V];
    System.arraycopy(new float[] {-5, -5, 1, 0, -5, -5}, 0, logits, 0, V);
    RejectionAcceptor a = new RejectionAcceptor(p, new TokenContext(V), new SplittableRandom(5), 2);
    AcceptanceResult r = new AcceptanceResult(2);
    int firstIsTwo = 0;
    int trials = 20_000;
    for (int i = 0; i < trials; i++) {
      a.accept(tree(), logits, 0, 0, r);
      assertTrue(r.accepted() >= 1, "a child is always accepted");
      firstIsTwo += r.newToken(0) == 2 ? 1 : 0;
    }
    double p2 = Math.exp(1) / (Math.exp(1) + 1);
    double sd = Math.sqrt(p2 * (1 - p2) / trials);
    assertEquals(p2, firstIsTwo / (double) trials, 5 * sd);
  }
}
