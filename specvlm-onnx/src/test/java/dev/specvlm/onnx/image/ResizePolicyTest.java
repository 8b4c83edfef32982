package dev.specvlm.onnx.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResizePolicyTest {

  @Test
  void fit_withinBudget_roundsEachSideToNearestUnit() {
    var policy = new ResizePolicy.PixelBudget(0, 1_000_000, 0);
    assertEquals(new ImageSize(98, 154), policy.fit(new ImageSize(100, 150), 14)); // 7.14 → 7, 10.7 → 11 units
  }

  @Test
  void fit_aboveMaxPixels_scalesDownKeepingAspect() {
    var policy = new ResizePolicy.PixelBudget(0, 100_000, 0);
    // s = sqrt(100000 / 2e6) = 0.2236: 223.6 → 220, 447.2 → 450; 220 * 450 = 99,000
    assertEquals(new ImageSize(220, 450), policy.fit(new ImageSize(1000, 2000), 10));
  }

  @Test
  void fit_belowMinPixels_scalesUp() {
    var policy = new ResizePolicy.PixelBudget(10_000, 1_000_000, 0);
    // s = sqrt(10000 / 200) = 7.07: 70.7 → 70, 141.4 → 140 (rounding may land just under minPixels)
    assertEquals(new ImageSize(70, 140), policy.fit(new ImageSize(10, 20), 10));
  }

  @Test
  void fit_longSideAboveMaxSide_isCapped() {
    var policy = new ResizePolicy.PixelBudget(0, 1_000_000, 1000);
    assertEquals(new ImageSize(30, 1000), policy.fit(new ImageSize(100, 4000), 10)); // s = 0.25: 25 → 30
  }

  @Test
  void fit_roundingAboveBudget_cutsTheLongerSide() {
    var policy = new ResizePolicy.PixelBudget(0, 90, 0);
    // 9x10 = 90 fits, but rounding to units of 4 gives 8x12 = 96 > 90: the longer side is cut to 8
    assertEquals(new ImageSize(8, 8), policy.fit(new ImageSize(9, 10), 4));
  }

  @Test
  void fit_fixedSize_ignoresAspect() {
    assertEquals(new ImageSize(336, 336), new ResizePolicy.FixedSize(336, 336).fit(new ImageSize(10, 4000), 14));
  }

  @Test
  void checkUnit_budgetSmallerThanOneUnit_isRefusedWithTheFix() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new ResizePolicy.PixelBudget(0, 100, 0).checkUnit(14));
    assertTrue(e.getMessage().contains("at least 196"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ResizePolicy.PixelBudget(0, 10_000, 10).checkUnit(14));
    assertTrue(e.getMessage().contains("maxSide 10"), e.getMessage());
  }

  @Test
  void checkUnit_fixedSizeNotMultipleOfUnit_isRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ResizePolicy.FixedSize(300, 336).checkUnit(14));
    assertTrue(e.getMessage().contains("300x336"), e.getMessage());
  }

  @Test
  void new_minAboveMax_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ResizePolicy.PixelBudget(200, 100, 0));
  }

  @Test
  void fit_anySize_staysWithinLimitsOnMultiplesOfTheUnit() {
    java.util.Random random = new java.util.Random(11);
    for (int trial = 0; trial < 2000; trial++) {
      int height = 1 + random.nextInt(trial % 2 == 0 ? 200_000 : 300);
      int width = 1 + random.nextInt(trial % 3 == 0 ? 200_000 : 300);
      int unit = 1 + random.nextInt(32);
      int maxSide = random.nextInt(5) == 0 ? 0 : Math.max(unit, 64 * (1 + random.nextInt(8)));
      long maxPixels = 512L * 512;
      var policy = new ResizePolicy.PixelBudget(64L * 64, maxPixels, maxSide);
      ImageSize out = policy.fit(new ImageSize(height, width), unit);
      String what = height + "x" + width + " unit " + unit + " maxSide " + maxSide + " -> " + out;
      assertEquals(0, out.height() % unit, what);
      assertEquals(0, out.width() % unit, what);
      assertTrue(out.pixels() <= maxPixels, what);
      assertTrue(maxSide == 0 || Math.max(out.height(), out.width()) <= maxSide, what);
    }
  }
}
