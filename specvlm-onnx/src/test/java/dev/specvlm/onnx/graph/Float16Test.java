package dev.specvlm.onnx.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Float16Test {

  @Test
  void toHalfBits_knownValues() {
    assertEquals(0x3c00, Float16.toHalfBits(1f) & 0xffff);
    assertEquals(0xc000, Float16.toHalfBits(-2f) & 0xffff);
    assertEquals(0x7bff, Float16.toHalfBits(65504f) & 0xffff); // largest finite
    assertEquals(0x7c00, Float16.toHalfBits(65520f) & 0xffff); // rounds to infinity
    assertEquals(0x0400, Float16.toHalfBits(0x1p-14f) & 0xffff); // smallest normal
    assertEquals(0x0001, Float16.toHalfBits(0x1p-24f) & 0xffff); // smallest subnormal
    assertEquals(0x0000, Float16.toHalfBits(0x1p-25f) & 0xffff); // tie rounds to even (zero)
    assertEquals(0x0001, Float16.toHalfBits(0x1.8p-25f) & 0xffff);
    assertEquals(0x8000, Float16.toHalfBits(-0f) & 0xffff);
    assertTrue(Float.isNaN(Float16.toFloat(Float16.toHalfBits(Float.NaN))));
  }

  @Test
  void toHalfBits_tiesRoundToEven() {
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: even mantissa (1) wins
    assertEquals(1f, Float16.round(1f + 0x1p-11f));
    // 1 + 3·2^-11 lies halfway between 1 + 2^-10 and 1 + 2^-9: even mantissa (1 + 2^-9) wins
    assertEquals(1f + 0x1p-9f, Float16.round(1f + 3 * 0x1p-11f));
    assertEquals(1f + 0x1p-10f, Float16.round(1f + 0x1p-11f + 0x1p-20f)); // just above the tie
  }

  @Test
  void toFloat_roundTripsEveryHalfValue() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = Float16.toFloat((short) bits);
      if (!Float.isNaN(f)) {
        assertEquals(bits, Float16.toHalfBits(f) & 0xffff, "bits " + Integer.toHexString(bits));
      }
    }
  }

  @Test
  void round_relativeErrorIsAtMostHalfAnUlp() {
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 10_000; i++) {
      float v = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(6) - 3));
      if (Math.abs(v) > 0x1p-14f) {
        assertTrue(Math.abs(Float16.round(v) - v) <= Math.abs(v) * 0x1p-11 * 1.0001, "value " + v);
      }
    }
  }
}
