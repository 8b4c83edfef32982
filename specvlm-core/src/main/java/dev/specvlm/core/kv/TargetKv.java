package dev.specvlm.core.kv;

import dev.specvlm.InferenceException;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.TargetState;

/**
 * The engine's ledger of one generation's target KV cache: {@code length()} committed positions, then the tentative
 * rows of the last forward until {@link #commit} keeps some of them (the accepted path, gathered in order) and drops
 * the rest. The bonus token of a round is never cached: it is the root of the next tree. Not thread-safe.
 */
public final class TargetKv {
  private final TargetState state;
  private final int capacity;
  private final int[] identity; // [maxRows] 0, 1, 2, ... for commits of whole forwards
  private int committed;
  private int pending;
  private long forwardNanos;

  /**
   * Wraps {@code state}.
   *
   * @param capacity the positions the state was created for
   * @param maxRows the most rows one forward may have (the prompt length or the tree size)
   */
  public TargetKv(TargetState state, int capacity, int maxRows) {
    this.state = state;
    this.capacity = capacity;
    this.identity = new int[maxRows];
    for (int i = 0; i < maxRows; i++) {
      identity[i] = i;
    }
    this.committed = state.length();
  }

  /** Committed positions n. */
  public int length() {
    return committed;
  }

  /** The most positions, committed plus tentative. */
  public int capacity() {
    return capacity;
  }

  /** Tentative rows of the last forward not yet committed or dropped. */
  public int pending() {
    return pending;
  }

  /**
   * Runs {@code q} tentative rows after the committed ones; see {@link TargetState#forward}.
   *
   * @throws IllegalStateException if rows of the last forward are still pending or the rows do not fit
   */
  public void forward(float[] embeds, int q, int[] positions, AttentionMask mask, int logitRows, float[] logits,
      float[] features) {
    if (pending != 0) {
      throw new IllegalStateException("target KV still holds " + pending + " uncommitted rows; commit them first");
    }
    if (committed + q > capacity) {
      throw new IllegalStateException("target KV overflow: " + committed + " committed + " + q
          + " new rows > capacity " + capacity + "; the request's capacity was sized too small");
    }
    if (mask.rows() != q || mask.cols() != q) {
      throw new IllegalArgumentException("target mask is " + mask.rows() + "x" + mask.cols() + ", expected " + q + "x" + q);
    }
    long t0 = System.nanoTime();
    state.forward(embeds, q, positions, mask, logitRows, logits, features);
    forwardNanos += System.nanoTime() - t0;
    pending = q;
  }

  /** Wall-clock nanoseconds spent inside {@link TargetState#forward} calls made through this ledger so far. */
  public long forwardNanos() {
    return forwardNanos;
  }

  /** Keeps every row of the last forward (a prefill or an autoregressive step). */
  public void commitAll() {
    commit(identity, pending);
  }

  /**
   * Keeps rows {@code rows[0, count)} of the last forward, strictly increasing (an accepted tree path: parents precede
   * children), as positions {@code length() .. length() + count - 1}; drops the other rows.
   *
   * @throws InferenceException if the backend's length disagrees with the ledger afterwards
   */
  public void commit(int[] rows, int count) {
    if (count > pending) {
      throw new IllegalArgumentException("cannot keep " + count + " rows of a forward of " + pending);
    }
    for (int i = 0; i < count; i++) {
      if (rows[i] < 0 || rows[i] >= pending || (i > 0 && rows[i] <= rows[i - 1])) {
        throw new IllegalArgumentException("rows to keep must be strictly increasing in [0, " + pending + "), got "
            + rows[i] + " at " + i);
      }
    }
    state.commit(rows, count);
    committed += count;
    pending = 0;
    if (state.length() != committed) {
      throw new InferenceException("target KV length is " + state.length() + " after commit, the engine expects "
          + committed + ": " + state.getClass().getName() + ".commit does not follow the TargetState contract");
    }
  }
}
