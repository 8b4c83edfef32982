package dev.specvlm.core.budget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyCurveTest {
  @Test
  void nanos_betweenPoints_interpolatesLinearly() {
    LatencyCurve c = LatencyCurve.of(new int[] {1, 5, 9}, new double[] {100, 500, 900});
    assertEquals(100, c.nanos(1));
    assertEquals(300, c.nanos(3), 1e-9);
    assertEquals(800, c.nanos(8), 1e-9);
    assertEquals(100, c.nanos(0.5), "below the first point: the first point's cost");
    assertTrue(c.covers(9));
    assertFalse(c.covers(10));
    assertThrows(IllegalArgumentException.class, () -> c.nanos(10));
  }

  @Test
  void of_noisyPoints_becomeNonDecreasing() {
    LatencyCurve c = LatencyCurve.of(new int[] {1, 2, 4}, new double[] {300, 200, 400});
    assertArrayEquals(new double[] {300, 300, 400}, c.times());
  }

  @Test
  void of_badPoints_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> LatencyCurve.of(new int[] {2, 1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> LatencyCurve.of(new int[] {1}, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> LatencyCurve.of(new int[] {}, new double[] {}));
    assertThrows(IllegalArgumentException.class, () -> new DeviceCosts(
        LatencyCurve.of(new int[] {2}, new double[] {1}), LatencyCurve.of(new int[] {1}, new double[] {1}), 1));
  }
}
