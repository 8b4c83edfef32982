package dev.specvlm.core.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParameterFreeBranchesTest {
  /** Rows 1..n of width 2: row t is {@code [t, 10·t]}. */
  private static float[] rows(int n) {
    float[] x = new float[2 * n];
    for (int t = 0; t < n; t++) {
      x[2 * t] = t + 1;
      x[2 * t + 1] = 10 * (t + 1);
    }
    return x;
  }

  @Test
  void pruneIndices_stride_keepsEveryRthRowFromTheFirst() {
    assertArrayEquals(new int[] {0, 3, 6}, ParameterFreeBranches.pruneIndices(7, 3, null));
    assertArrayEquals(new int[] {0, 3}, ParameterFreeBranches.pruneIndices(6, 3, null));
    assertArrayEquals(new int[] {0}, ParameterFreeBranches.pruneIndices(20, 20, null));
    assertArrayEquals(new int[] {0, 20}, ParameterFreeBranches.pruneIndices(21, 20, null));
    assertArrayEquals(new int[0], ParameterFreeBranches.pruneIndices(0, 4, null));
  }

  @Test
  void pruneIndices_seeded_isASortedDistinctSampleOfCeilNOverR() {
    for (int seed = 0; seed < 50; seed++) {
      int n = 1 + seed * 7;
      int[] kept = ParameterFreeBranches.pruneIndices(n, 4, new SplittableRandom(seed));
      assertEquals((n + 3) / 4, kept.length);
      for (int i = 0; i < kept.length; i++) {
        assertTrue(kept[i] >= 0 && kept[i] < n);
        assertTrue(i == 0 || kept[i] > kept[i - 1], Arrays.toString(kept));
      }
      assertArrayEquals(kept, ParameterFreeBranches.pruneIndices(n, 4, new SplittableRandom(seed)), "reproducible");
    }
    assertNotEquals(Arrays.toString(ParameterFreeBranches.pruneIndices(100, 5, new SplittableRandom(1))),
        Arrays.toString(ParameterFreeBranches.pruneIndices(100, 5, new SplittableRandom(2))));
  }

  @Test
  void prune_stride_copiesTheKeptRowsInOrder() {
    float[] out = new float[2 * 3];
    ParameterFreeBranches.prune(rows(7), 7, 2, 3, null, out);
    assertArrayEquals(new float[] {1, 10, 4, 40, 7, 70}, out);
  }

  @Test
  void pool_ceilMode_averagesEachWindowAndTheShortLastOne() {
    // rows 1..5 in windows of 2: (1,2) (3,4) (5) → 1.5, 3.5, 5
    float[] out = new float[2 * 3];
    ParameterFreeBranches.pool(rows(5), 5, 2, 2, out);
    assertArrayEquals(new float[] {1.5f, 15, 3.5f, 35, 5, 50}, out);
    // 7 rows in windows of 3: (1,2,3) (4,5,6) (7) → 2, 5, 7
    out = new float[2 * 3];
    ParameterFreeBranches.pool(rows(7), 7, 2, 3, out);
    assertArrayEquals(new float[] {2, 20, 5, 50, 7, 70}, out);
  }

  @Test
  void pool_ratioOne_isTheIdentity() {
    float[] in = rows(4);
    float[] out = new float[in.length];
    ParameterFreeBranches.pool(in, 4, 2, 1, out);
    assertArrayEquals(in, out);
  }

  @Test
  void ceilDiv_matchesTheBranchOutputSizes() {
    assertEquals(52, ParameterFreeBranches.ceilDiv(1024, 20));
    assertEquals(342, ParameterFreeBranches.ceilDiv(1024, 3));
    assertEquals(4, ParameterFreeBranches.ceilDiv(64, 20));
    assertEquals(0, ParameterFreeBranches.ceilDiv(0, 3));
  }
}
