package dev.specvlm.core.kv;

import dev.specvlm.InferenceException;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.DraftState;

/**
 * The engine's ledger of one generation's draft KV cache (brief §5.3): a stable region of pairs computed from true
 * target features, at draft positions {@code 0 .. stableLength() - 1}, and a tentative region of tree rows appended
 * during one round and dropped by {@link #discardTentative()}. With a visual compressor the stable length is the
 * target's committed length minus the compression offset Δ. Not thread-safe.
 */
public final class DraftKv {
  private final DraftState state;
  private final int capacity;
  private final int maxTentative;
  private final int[] stablePositions; // [maxStableRows]
  private final AttentionMask stableMask;
  private int stable;
  private int tentative;
  private long forwardNanos;

  /**
   * Wraps {@code state}.
   *
   * @param capacity the stable positions the state was created for
   * @param maxTentative the tentative rows the state was created for
   * @param maxStableRows the most rows one stable update may have (the draft prefill)
   */
  public DraftKv(DraftState state, int capacity, int maxTentative, int maxStableRows) {
    this.state = state;
    this.capacity = capacity;
    this.maxTentative = maxTentative;
    this.stablePositions = new int[maxStableRows];
    this.stableMask = new AttentionMask(maxStableRows, maxStableRows);
    this.stable = state.stableLength();
  }

  /** Positions in the stable region. */
  public int stableLength() {
    return stable;
  }

  /** Rows in the tentative region. */
  public int tentativeLength() {
    return tentative;
  }

  /**
   * Appends {@code q} stable pairs at draft positions {@code stableLength() ..}, causally masked. Requires an empty
   * tentative region. See {@link DraftState#forward} for the buffers.
   */
  public void stableForward(float[] features, float[] embeds, int q, int headRows, int k, float[] hidden,
      int[] topIds, float[] topLogProbs) {
    if (tentative != 0) {
      throw new IllegalStateException("draft KV holds " + tentative + " tentative rows; discard them first");
    }
    if (stable + q > capacity) {
      throw new IllegalStateException("draft KV overflow: " + stable + " stable + " + q + " new > capacity " + capacity);
    }
    if (q > stablePositions.length) {
      throw new IllegalArgumentException("stable update of " + q + " rows exceeds the planned " + stablePositions.length);
    }
    for (int i = 0; i < q; i++) {
      stablePositions[i] = stable + i;
    }
    stableMask.setCausal(q);
    long t0 = System.nanoTime();
    state.forward(features, embeds, q, stablePositions, stableMask, true, headRows, k, hidden, topIds, topLogProbs);
    forwardNanos += System.nanoTime() - t0;
    stable += q;
    checkLengths();
  }

  /**
   * Appends {@code q} tentative tree rows. See {@link DraftState#forward}.
   *
   * @param mask {@code q × (tentativeLength() + q)}: ancestry over the tentative region and the new rows
   */
  public void tentativeForward(float[] features, float[] embeds, int q, int[] positions, AttentionMask mask,
      int headRows, int k, float[] hidden, int[] topIds, float[] topLogProbs) {
    if (tentative + q > maxTentative) {
      throw new IllegalStateException("draft tentative overflow: " + tentative + " + " + q + " rows > " + maxTentative);
    }
    if (mask.rows() != q || mask.cols() != tentative + q) {
      throw new IllegalArgumentException("draft mask is " + mask.rows() + "x" + mask.cols() + ", expected " + q + "x"
          + (tentative + q));
    }
    long t0 = System.nanoTime();
    state.forward(features, embeds, q, positions, mask, false, headRows, k, hidden, topIds, topLogProbs);
    forwardNanos += System.nanoTime() - t0;
    tentative += q;
    checkLengths();
  }

  /** Wall-clock nanoseconds spent inside {@link DraftState#forward} calls made through this ledger so far. */
  public long forwardNanos() {
    return forwardNanos;
  }

  /** Drops the tentative region. */
  public void discardTentative() {
    state.discardTentative();
    tentative = 0;
    checkLengths();
  }

  private void checkLengths() {
    if (state.stableLength() != stable || state.tentativeLength() != tentative) {
      throw new InferenceException("draft KV reports " + state.stableLength() + " stable / " + state.tentativeLength()
          + " tentative positions, the engine expects " + stable + " / " + tentative + ": "
          + state.getClass().getName() + " does not follow the DraftState contract");
    }
  }
}
