package dev.specvlm.core.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.InvalidRequestException;
import dev.specvlm.VisualCompression;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.testmodel.TestCompressor;
import dev.specvlm.core.testmodel.TestModels;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisualCompressorTest {
  private static final int H = 8;
  private final TestModels.Bundle withCompressor = TestModels.builder().withCompressor().build();
  private final TestModels.Bundle plain = TestModels.builder().build();

  @Test
  void resolve_noneOrSelectWithoutCompressor_compressesNothing() {
    assertNull(VisualCompressor.resolve(withCompressor, VisualCompression.none()));
    assertNull(VisualCompressor.resolve(plain, VisualCompression.select()));
    assertNotNull(VisualCompressor.resolve(withCompressor, VisualCompression.select()));
  }

  @Test
  void resolve_settingsTheModelLacks_refused() {
    InvalidRequestException weighted = assertThrows(InvalidRequestException.class,
        () -> VisualCompressor.resolve(plain, VisualCompression.weighted()));
    assertTrue(weighted.getMessage().contains("no visual compressor"), weighted.getMessage());
    InvalidRequestException conv = assertThrows(InvalidRequestException.class,
        () -> VisualCompressor.resolve(withCompressor, VisualCompression.fixed("conv5")));
    assertTrue(conv.getMessage().contains("conv5") && conv.getMessage().contains("conv3"), conv.getMessage());
    TestModels.Bundle noWeighted = TestModels.builder().compressor(TestCompressor.defaultBranches(), 0, true).build();
    assertThrows(InvalidRequestException.class,
        () -> VisualCompressor.resolve(noWeighted, VisualCompression.weighted()));
  }

  @Test
  void resolve_parameterFreeFixedBranch_runsOnAnyModelWithTheBundleDraft() {
    VisualCompressor c = VisualCompressor.resolve(plain, VisualCompression.fixed("pool7"));
    assertNotNull(c);
    assertSame(plain.draft(), c.draft(plain));
    assertEquals("pool7", c.choose(new float[H], 0, 1).name());
  }

  @Test
  void draft_compressorShipsItsOwn_usesIt() {
    VisualCompressor c = VisualCompressor.resolve(withCompressor, VisualCompression.select());
    assertSame(withCompressor.compressorDraft(), c.draft(withCompressor));
    TestModels.Bundle sharedDraft = TestModels.builder().compressor(TestCompressor.defaultBranches(), 3, false).build();
    assertSame(sharedDraft.draft(), VisualCompressor.resolve(sharedDraft, VisualCompression.select())
        .draft(sharedDraft));
  }

  @Test
  void choose_select_isTheArgMaxOfTheGateAndVariesWithTheQuestion() {
    TestCompressor model = withCompressor.testCompressor();
    VisualCompressor c = VisualCompressor.resolve(withCompressor, VisualCompression.select());
    List<CompressorBranch> branches = model.branches();
    Set<String> chosen = new HashSet<>();
    for (int seed = 0; seed < 200; seed++) {
      float[] features = TestCompressor.random(seed, 9, 3 * H, 1);
      float[] logits = new float[branches.size()];
      model.gate(features, H, 2, logits);
      int best = 0;
      for (int i = 1; i < logits.length; i++) {
        best = logits[i] > logits[best] ? i : best;
      }
      String name = c.choose(features, H, 2).name();
      assertEquals(branches.get(best).name(), name);
      chosen.add(name);
    }
    assertTrue(chosen.size() >= 3, "the gate should pick several branches over random questions: " + chosen);
  }

  @Test
  void choose_singleBranchCompressor_isThatBranch() {
    TestModels.Bundle one = TestModels.builder().compressor(List.of(CompressorBranch.parse("pool4")), 0, true).build();
    assertEquals("pool4", VisualCompressor.resolve(one, VisualCompression.select()).choose(new float[H], 0, 1).name());
  }

  @Test
  void compress_weighted_isTheSoftmaxMixtureOfPrunePoolAndConv() {
    TestCompressor model = withCompressor.testCompressor();
    VisualCompressor c = VisualCompressor.resolve(withCompressor, VisualCompression.weighted());
    float[] features = TestCompressor.random(5, 9, 2 * H, 1);
    VisualCompressor.Choice choice = c.choose(features, 0, 2);
    assertEquals("weighted3", choice.name());
    float[] logits = new float[3];
    model.weightedGate(features, 0, 2, logits);
    double z = Math.exp(logits[0]) + Math.exp(logits[1]) + Math.exp(logits[2]);
    float[] w = choice.weights();
    for (int k = 0; k < 3; k++) {
      assertEquals(Math.exp(logits[k]) / z, w[k], 1e-6);
    }
    int rows = 7;
    int width = 2 * H;
    float[] pairs = TestCompressor.random(6, 9, rows * width, 1);
    float[] prune = new float[3 * width];
    float[] pool = new float[3 * width];
    float[] conv = new float[3 * width];
    ParameterFreeBranches.prune(pairs, rows, width, 3, null, prune);
    ParameterFreeBranches.pool(pairs, rows, width, 3, pool);
    model.conv(3, pairs, rows, conv);
    float[] expected = new float[3 * width];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = w[0] * prune[i] + w[1] * pool[i] + w[2] * conv[i];
    }
    float[] out = new float[3 * width];
    assertEquals(3, choice.outputTokens(rows));
    choice.compress(pairs, rows, out);
    assertArrayEquals(expected, out, 1e-5f);
  }
}
