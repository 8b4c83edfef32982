package dev.specvlm.onnx;

import dev.specvlm.core.model.AttentionMask;
import java.nio.FloatBuffer;

/**
 * Writes an {@link AttentionMask} as the graphs' additive {@code attention_mask [1, 1, q, prefix + cols]}: 0 where a
 * query may attend, -∞ where it may not; the first {@code prefix} keys of every row are visible.
 */
final class MaskWriter {
  private static final float[] ZEROS = new float[4096];

  private MaskWriter() {}

  /** Writes {@code mask} (q rows) after an always-visible prefix; returns the row width {@code prefix + cols}. */
  static int write(FloatBuffer dst, AttentionMask mask, int prefix) {
    int rows = mask.rows();
    int cols = mask.cols();
    int width = prefix + cols;
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (int done = 0; done < prefix; done += ZEROS.length) {
        dst.put(base + done, ZEROS, 0, Math.min(ZEROS.length, prefix - done));
      }
      int row = base + prefix;
      if (mask.isCausal()) {
        int visible = r + cols - rows; // key column of the query itself
        for (int c = 0; c < cols; c++) {
          dst.put(row + c, c <= visible ? 0f : Float.NEGATIVE_INFINITY);
        }
      } else {
        for (int c = 0; c < cols; c++) {
          dst.put(row + c, mask.visible(r, c) ? 0f : Float.NEGATIVE_INFINITY);
        }
      }
    }
    return width;
  }
}
