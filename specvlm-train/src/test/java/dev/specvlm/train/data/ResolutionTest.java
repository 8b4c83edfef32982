package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResolutionTest {
  @Test
  void visualTokens_standardResolutionsAtPatch8_span64To1024() {
    List<Integer> tokens = Resolution.STANDARD.stream().map(r -> r.visualTokens(8)).toList();
    assertEquals(List.of(64, 128, 256, 288, 1024), tokens);
  }

  @Test
  void visualTokens_patch16_quartersTheCount() {
    assertEquals(256, Resolution.SQUARE_256.visualTokens(16));
    assertEquals(16, Resolution.SQUARE_64.visualTokens(16));
  }

  @Test
  void visualTokens_sideNotMultipleOfPatch_throwsNamingTheResolution() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Resolution(100, 64).visualTokens(8));
    assertEquals(true, e.getMessage().contains("100x64"), e.getMessage());
  }

  @Test
  void constructor_tooSmall_throws() {
    assertThrows(IllegalArgumentException.class, () -> new Resolution(8, 64));
  }
}
