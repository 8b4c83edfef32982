package dev.specvlm.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.InvalidRequestException;
import org.junit.jupiter.api.Test;

class CompressorBranchTest {
  @Test
  void parse_names_roundTrip() {
    for (String name : new String[] {"prune20", "pool20", "conv3", "resampler2", "text-only", "pool1", "conv17"}) {
      assertEquals(name, CompressorBranch.parse(name).name());
    }
    assertEquals(new CompressorBranch(CompressorBranch.Kind.RESAMPLER, 8), CompressorBranch.parse("resampler8"));
    assertTrue(CompressorBranch.parse("conv3").learned());
    assertFalse(CompressorBranch.parse("pool3").learned());
  }

  @Test
  void parse_badNames_refusedWithTheAcceptedForms() {
    for (String bad : new String[] {"pool", "pool0", "conv-3", "resample2", "", "textonly", "pool99999999"}) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> CompressorBranch.parse(bad));
      assertTrue(e.getMessage().contains("prune<r>, pool<r>"), e.getMessage());
    }
  }

  @Test
  void outputTokens_perKind() {
    assertEquals(52, CompressorBranch.parse("prune20").outputTokens(1024));
    assertEquals(13, CompressorBranch.parse("pool20").outputTokens(256));
    assertEquals(22, CompressorBranch.parse("conv3").outputTokens(64));
    assertEquals(2, CompressorBranch.parse("resampler2").outputTokens(1024));
    assertEquals(0, CompressorBranch.parse("resampler2").outputTokens(0));
    assertEquals(0, CompressorBranch.textOnly().outputTokens(1024));
  }
}
