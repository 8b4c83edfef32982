package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specvlm.VisualCompression;
import dev.specvlm.core.compress.VisualCompressor;
import dev.specvlm.core.model.Embedder;
import dev.specvlm.core.testmodel.TestModels;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The target→draft mapping with compressed visual spans (docs/compressor.md): row j of the target pairs
 * {@code (f_j, E[j+1])}; the rows whose next element is visual are replaced by the branch's rows; later rows move up
 * by Δ.
 */
class DraftInputBuilderTest {
  private static final int H = 4;
  /** Token embeddings {@code [id, -id, 0, 0]}: a token row is recognisable. */
  private static final Embedder EMBEDDER = (ids, from, count, out, off) -> {
    for (int i = 0; i < count; i++) {
      out[off + i * H] = ids[from + i];
      out[off + i * H + 1] = -ids[from + i];
    }
  };
  private static final TestModels.Bundle BUNDLE = TestModels.builder().hidden(4).withCompressor().build();

  /** Features {@code [100 + j, 0, 0, 0]} and embeddings {@code [j, -j, 0, 0]} of target rows 0..n-1. */
  private static float[][] prompt(int n) {
    float[] f = new float[n * H];
    float[] e = new float[n * H];
    for (int j = 0; j < n; j++) {
      f[j * H] = 100 + j;
      e[j * H] = j;
      e[j * H + 1] = -j;
    }
    return new float[][] {f, e};
  }

  private static VisualCompressor.Choice fixed(String branch) {
    return VisualCompressor.resolve(BUNDLE, VisualCompression.fixed(branch)).choose(new float[H], 0, 1);
  }

  private static float[] featureColumn(DraftInputBuilder b, int rows) {
    float[] c = new float[rows];
    for (int i = 0; i < rows; i++) {
      c[i] = b.features()[i * H];
    }
    return c;
  }

  private static float[] embedColumn(DraftInputBuilder b, int rows) {
    float[] c = new float[rows];
    for (int i = 0; i < rows; i++) {
      c[i] = b.embeds()[i * H];
    }
    return c;
  }

  private static DraftInputBuilder build(int n, List<AssembledPrompt.VisualSpan> spans,
      VisualCompressor.@Nullable Choice choice, int[] rows) {
    float[][] p = prompt(n);
    DraftInputBuilder b = new DraftInputBuilder(EMBEDDER, H, 4);
    rows[0] = b.prefill(p[0], p[1], n, 77, spans, choice);
    return b;
  }

  @Test
  void prefill_noCompression_pairsEachFeatureWithTheNextEmbedding() {
    int[] rows = new int[1];
    DraftInputBuilder b = build(5, List.of(new AssembledPrompt.VisualSpan(1, 2)), null, rows);
    assertEquals(5, rows[0]);
    assertEquals(0, b.delta());
    assertArrayEquals(new float[] {100, 101, 102, 103, 104}, featureColumn(b, 5));
    assertArrayEquals(new float[] {1, 2, 3, 4, 77}, embedColumn(b, 5));
  }

  @Test
  void prefill_prune_replacesTheVisualRowsAndShiftsTheRest() {
    // 12 rows, image at slots [3, 9): rows 2..7 pair f_j with a visual E[j+1]; prune2 keeps rows 2, 4, 6
    int[] rows = new int[1];
    DraftInputBuilder b = build(12, List.of(new AssembledPrompt.VisualSpan(3, 6)), fixed("prune2"), rows);
    assertEquals(9, rows[0]);
    assertEquals(3, b.delta());
    assertArrayEquals(new float[] {100, 101, 102, 104, 106, 108, 109, 110, 111}, featureColumn(b, 9));
    assertArrayEquals(new float[] {1, 2, 3, 5, 7, 9, 10, 11, 77}, embedColumn(b, 9));
    // target row 8 (the last visual slot's feature with the first text after it) is draft row 8 - 3 = 5
    assertEquals(5, b.draftPosition(8));
  }

  @Test
  void prefill_pool_averagesPairsOverTheSpan() {
    int[] rows = new int[1];
    DraftInputBuilder b = build(12, List.of(new AssembledPrompt.VisualSpan(3, 6)), fixed("pool4"), rows);
    // rows 2..7 → windows (2,3,4,5) (6,7)
    assertEquals(2 + 2 + 4, rows[0]);
    assertEquals(4, b.delta());
    assertArrayEquals(new float[] {100, 101, 103.5f, 106.5f, 108, 109, 110, 111}, featureColumn(b, 8));
    assertArrayEquals(new float[] {1, 2, 4.5f, 7.5f, 9, 10, 11, 77}, embedColumn(b, 8));
  }

  @Test
  void prefill_textOnlyWithTwoSpans_dropsBothAndCountsEveryDroppedRow() {
    // spans [2, 4) and [6, 9) in 11 rows: visual rows 1..2 and 5..7
    int[] rows = new int[1];
    DraftInputBuilder b = build(11, List.of(new AssembledPrompt.VisualSpan(2, 2), new AssembledPrompt.VisualSpan(6,
        3)), fixed("text-only"), rows);
    assertEquals(6, rows[0]);
    assertEquals(5, b.delta());
    assertArrayEquals(new float[] {100, 103, 104, 108, 109, 110}, featureColumn(b, 6));
    assertArrayEquals(new float[] {1, 4, 5, 9, 10, 77}, embedColumn(b, 6));
  }

  @Test
  void prefill_imageFirst_hasOneVisualRowFewer() {
    // an image at slot 0 never appears as a next element: rows 0..3 pair with visual slots 1..4
    int[] rows = new int[1];
    DraftInputBuilder b = build(7, List.of(new AssembledPrompt.VisualSpan(0, 5)), fixed("prune4"), rows);
    assertEquals(3, b.delta()); // 4 visual rows become 1
    assertArrayEquals(new float[] {100, 104, 105, 106}, featureColumn(b, rows[0]));
    assertArrayEquals(new float[] {1, 5, 6, 77}, embedColumn(b, rows[0]));
  }

  @Test
  void prefill_branchThatWouldGrowASpan_leavesItAsIs() {
    // resampler2 over a one-row span would add a row: the span stays uncompressed
    int[] rows = new int[1];
    DraftInputBuilder b = build(5, List.of(new AssembledPrompt.VisualSpan(2, 1)), fixed("resampler2"), rows);
    assertEquals(0, b.delta());
    assertEquals(5, rows[0]);
    assertArrayEquals(new float[] {100, 101, 102, 103, 104}, featureColumn(b, 5));
    assertEquals(0, BUNDLE.testCompressor().learnedRuns(), Arrays.toString(featureColumn(b, 5)));
  }
}
