package dev.specvlm.train.vlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each visible object becomes one averaging row over the batch's patches, with its shape class. */
class ObjectPoolsTest {
  @Test
  void of_averagesEachObjectsPatchesAcrossTheBatch() {
    int[] colors = new int[4];
    PatchLabels first = new PatchLabels(colors, new int[] {0, 3, 3, 5}, new int[] {0, 1, 1, 2});
    // object 1 of the second image covers no patch (hidden or too small): no row for it
    PatchLabels second = new PatchLabels(colors, new int[] {0, 0, 4, 0}, new int[] {0, 0, 2, 0});
    ObjectPools pools = ObjectPools.of(List.of(first, second));
    assertEquals(3, pools.count());
    assertArrayEquals(new long[] {3, 5, 4}, pools.shapes());
    assertArrayEquals(new float[] {
        0, 0.5f, 0.5f, 0, 0, 0, 0, 0,
        0, 0, 0, 1, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 1, 0}, pools.weights());
  }

  @Test
  void of_isEmptyForBackgroundOnly() {
    ObjectPools pools = ObjectPools.of(List.of(new PatchLabels(new int[2], new int[2], new int[2])));
    assertEquals(0, pools.count());
    assertEquals(0, pools.weights().length);
  }
}
