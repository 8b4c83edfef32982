package dev.specvlm.onnx;

import dev.specvlm.InvalidRequestException;
import dev.specvlm.core.model.Embedder;

/**
 * Token embeddings gathered in Java from a table read once at load time by running {@code embed.onnx} over every id
 * (so any per-token embedding graph works, scaled or not), instead of one runtime call per step. Immutable and
 * thread-safe.
 */
final class TableEmbedder implements Embedder {
  private final float[] table; // [V, H] row-major
  private final int vocab;
  private final int hidden;

  TableEmbedder(float[] table, int vocab, int hidden) {
    if (table.length != (long) vocab * hidden) {
      throw new IllegalArgumentException("table of " + table.length + " floats is not " + vocab + " x " + hidden);
    }
    this.table = table;
    this.vocab = vocab;
    this.hidden = hidden;
  }

  @Override
  public void embed(int[] ids, int from, int count, float[] out, int outOffset) {
    for (int i = 0; i < count; i++) {
      int id = ids[from + i];
      if (id < 0 || id >= vocab) {
        throw new InvalidRequestException("token id " + id + " is outside the model's vocabulary [0, " + vocab + ")");
      }
      System.arraycopy(table, id * hidden, out, outOffset + i * hidden, hidden);
    }
  }

  /** The embedding row of {@code id} (a copy). */
  float[] row(int id) {
    float[] out = new float[hidden];
    System.arraycopy(table, id * hidden, out, 0, hidden);
    return out;
  }
}
