package dev.specvlm.core.model;

/**
 * Which keys each new query position may attend to, beyond a prefix that is always fully visible. A mask has
 * {@code rows} queries and {@code cols} trailing keys; key column {@code cols - rows + r} is the query's own
 * position. Reusable: the engine refills one instance per round, so a backend must not keep a reference after the
 * call it was passed to.
 *
 * <p>Layout: one bit per (row, col), row-major in {@code long} words, {@code wordsPerRow = ceil(cols / 64)}.
 */
public final class AttentionMask {
  private long[] bits;
  private int rows;
  private int cols;
  private int wordsPerRow;
  private boolean causal;

  /** An empty mask able to hold {@code maxRows × maxCols} without growing. */
  public AttentionMask(int maxRows, int maxCols) {
    this.bits = new long[Math.max(1, maxRows * ((maxCols + 63) >>> 6))];
  }

  /** Resets to a causal mask over {@code q} new positions and no other trailing keys: row r sees columns [0, r]. */
  public AttentionMask setCausal(int q) {
    reset(q, q);
    for (int r = 0; r < q; r++) {
      int base = r * wordsPerRow;
      int full = (r + 1) >>> 6; // whole words of visible columns
      java.util.Arrays.fill(bits, base, base + full, -1L);
      int rest = (r + 1) & 63;
      if (rest != 0) {
        bits[base + full] = (1L << rest) - 1;
      }
    }
    causal = true;
    return this;
  }

  /** Resets to {@code rows × cols} with nothing visible; fill it with {@link #set(int, int)}. */
  public AttentionMask reset(int rows, int cols) {
    if (rows < 0 || cols < rows) {
      throw new IllegalArgumentException("mask needs 0 <= rows <= cols, got " + rows + "x" + cols);
    }
    int words = (cols + 63) >>> 6;
    int needed = rows * words;
    if (bits.length < needed) {
      bits = new long[needed];
    } else {
      java.util.Arrays.fill(bits, 0, needed, 0L);
    }
    this.rows = rows;
    this.cols = cols;
    this.wordsPerRow = words;
    this.causal = false;
    return this;
  }

  /** Makes key column {@code col} visible to query {@code row}. */
  public void set(int row, int col) {
    bits[row * wordsPerRow + (col >>> 6)] |= 1L << col;
    causal = false;
  }

  /** Copies the visible columns of row {@code from} into row {@code to} (an OR, for inheriting ancestors). */
  public void inheritRow(int to, int from) {
    int t = to * wordsPerRow;
    int f = from * wordsPerRow;
    for (int w = 0; w < wordsPerRow; w++) {
      bits[t + w] |= bits[f + w];
    }
    causal = false;
  }

  /** Whether query {@code row} may attend to trailing key {@code col}. */
  public boolean visible(int row, int col) {
    return (bits[row * wordsPerRow + (col >>> 6)] & (1L << col)) != 0;
  }

  /** The number of visible trailing keys of {@code row}. */
  public int visibleCount(int row) {
    int n = 0;
    for (int w = 0; w < wordsPerRow; w++) {
      n += Long.bitCount(bits[row * wordsPerRow + w]);
    }
    return n;
  }

  /** Query rows. */
  public int rows() {
    return rows;
  }

  /** Trailing key columns (the always-visible prefix is not counted). */
  public int cols() {
    return cols;
  }

  /** Whether this mask was made by {@link #setCausal(int)} and not changed since (a fast path for backends). */
  public boolean isCausal() {
    return causal;
  }
}
