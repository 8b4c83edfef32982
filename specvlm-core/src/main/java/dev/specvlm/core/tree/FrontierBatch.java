package dev.specvlm.core.tree;

import dev.specvlm.core.accept.ModelOutputCheck;
import dev.specvlm.core.kv.DraftKv;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.Embedder;

/**
 * The buffers of one tentative draft forward over a tree level (the frontier): inputs (features, tokens, ancestry),
 * outputs (predicted features, top-k) and the mask built from the ancestry bits. Preallocated per generation.
 */
final class FrontierBatch {
  private final Embedder embedder;
  private final int hiddenSize;
  private final int words; // ancestry words per row, ceil(maxColumns / 64)
  final float[] features; // [maxRows, H] input: the parent's predicted feature per row
  final float[] embeds; // [maxRows, H] input: embedding of the row's token
  final int[] tokens; // [maxRows]
  final int[] positions; // [maxRows]
  long[] ancestry; // [maxRows, words] visible tentative columns per row (ancestors and itself)
  long[] nextAncestry; // [maxRows, words] being built for the next level
  final AttentionMask mask; // [maxRows, maxColumns]
  final float[] hidden; // [maxRows, H] output: predicted features
  final int[] topIds; // [maxRows, maxK] output
  final float[] topLogProbs; // [maxRows, maxK] output

  FrontierBatch(Embedder embedder, int hiddenSize, int maxRows, int maxColumns, int maxK) {
    this.embedder = embedder;
    this.hiddenSize = hiddenSize;
    this.words = Math.max(1, (maxColumns + 63) >>> 6);
    this.features = new float[maxRows * hiddenSize];
    this.embeds = new float[maxRows * hiddenSize];
    this.tokens = new int[maxRows];
    this.positions = new int[maxRows];
    this.ancestry = new long[maxRows * words];
    this.nextAncestry = new long[maxRows * words];
    this.mask = new AttentionMask(maxRows, maxColumns);
    this.hidden = new float[maxRows * hiddenSize];
    this.topIds = new int[maxRows * Math.max(1, maxK)];
    this.topLogProbs = new float[maxRows * Math.max(1, maxK)];
  }

  int words() {
    return words;
  }

  /** Sets row {@code row}'s input feature from {@code src[offset, offset + H)}. */
  void setFeature(int row, float[] src, int offset) {
    System.arraycopy(src, offset, features, row * hiddenSize, hiddenSize);
  }

  /**
   * Sets row {@code row}'s input feature to predicted feature {@code parentRow} of the last run. Not checked here: a
   * non-finite feature makes the next level's log-probabilities non-finite, which {@link #run} reports (as the
   * draft's), so the check costs K values per level instead of K·H.
   */
  void setFeatureFromHidden(int row, int parentRow) {
    System.arraycopy(hidden, parentRow * hiddenSize, features, row * hiddenSize, hiddenSize);
  }

  /** Sets row {@code row}'s visible tentative columns from {@code bits[offset, offset + words())}. */
  void setAncestry(int row, long[] bits, int offset) {
    System.arraycopy(bits, offset, ancestry, row * words, words);
  }

  /** Next-level row {@code row} sees what current row {@code parentRow} sees plus column {@code ownColumn}. */
  void inheritAncestry(int row, int parentRow, int ownColumn) {
    System.arraycopy(ancestry, parentRow * words, nextAncestry, row * words, words);
    nextAncestry[row * words + (ownColumn >>> 6)] |= 1L << ownColumn;
  }

  /** Makes the next-level ancestry current. */
  void swapAncestry() {
    long[] t = ancestry;
    ancestry = nextAncestry;
    nextAncestry = t;
  }

  /**
   * Runs rows {@code [0, q)} as tentative draft rows at draft position {@code position}, each seeing the tentative
   * columns of its ancestry row, and checks the top-k log-probabilities.
   */
  void run(DraftKv kv, int q, int k, int position) {
    embedder.embed(tokens, 0, q, embeds, 0);
    for (int r = 0; r < q; r++) {
      positions[r] = position;
    }
    int columns = kv.tentativeLength() + q;
    mask.reset(q, columns);
    for (int r = 0; r < q; r++) {
      for (int w = 0; w < words; w++) {
        long bits = ancestry[r * words + w];
        while (bits != 0) {
          mask.set(r, (w << 6) + Long.numberOfTrailingZeros(bits));
          bits &= bits - 1;
        }
      }
    }
    kv.tentativeForward(features, embeds, q, positions, mask, q, k, hidden, topIds, topLogProbs);
    checkLogProbs(topLogProbs, q * k, position);
  }

  /** Throws if a draft log-probability in {@code lp[0, n)} is NaN or +∞ (−∞ is an impossible token). */
  static void checkLogProbs(float[] lp, int n, int position) {
    for (int i = 0; i < n; i++) {
      if (!ModelOutputCheck.usableScore(lp[i])) {
        throw ModelOutputCheck.nonFinite("draft", "top-k log-probability", position, i, lp[i]);
      }
    }
  }
}
