package dev.specvlm.core.testmodel;

import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.DraftState;

/**
 * The bookkeeping every test draft shares: stable and tentative lengths, the SPI's preconditions (no use after close,
 * stable rows only with an empty tentative region, capacities, mask shape) and the KV byte count. Subclasses compute
 * the rows in {@link #compute}.
 */
public abstract class AbstractDraftState implements DraftState {
  private final int capacity;
  private final int maxTentative;
  private final int bytesPerPosition;
  private int stable;
  private int tentative;
  private boolean closed;

  /**
   * A state with {@code stable} positions already committed.
   *
   * @param capacity the most stable positions
   * @param maxTentative the most tentative rows
   * @param bytesPerPosition what {@link #kvBytes()} counts per position
   */
  protected AbstractDraftState(int stable, int capacity, int maxTentative, int bytesPerPosition) {
    this.stable = stable;
    this.capacity = capacity;
    this.maxTentative = maxTentative;
    this.bytesPerPosition = bytesPerPosition;
  }

  @Override
  public final int stableLength() {
    return stable;
  }

  @Override
  public final int tentativeLength() {
    return tentative;
  }

  @Override
  public final void forward(float[] features, float[] embeds, int q, int[] positions, AttentionMask mask,
      boolean toStable, int headRows, int k, float[] hidden, int[] topIds, float[] topLogProbs) {
    if (closed) {
      throw new IllegalStateException(getClass().getSimpleName() + " is closed");
    }
    if (toStable && tentative != 0) {
      throw new IllegalStateException("stable forward with " + tentative + " tentative rows");
    }
    if (toStable ? stable + q > capacity : tentative + q > maxTentative) {
      throw new IllegalStateException("draft overflow: stable " + stable + ", tentative " + tentative + ", q " + q);
    }
    if (mask.rows() != q || mask.cols() != tentative + q) {
      throw new IllegalArgumentException("draft mask " + mask.rows() + "x" + mask.cols() + " for " + q
          + " rows over " + tentative + " tentative");
    }
    compute(features, embeds, q, positions, mask, toStable, headRows, k, hidden, topIds, topLogProbs);
    if (toStable) {
      stable += q;
    } else {
      tentative += q;
    }
  }

  /**
   * Computes {@code q} rows; see {@link DraftState#forward}. The lengths still have their values from before the
   * call.
   */
  protected abstract void compute(float[] features, float[] embeds, int q, int[] positions, AttentionMask mask,
      boolean toStable, int headRows, int k, float[] hidden, int[] topIds, float[] topLogProbs);

  @Override
  public final void discardTentative() {
    tentative = 0;
  }

  @Override
  public final long kvBytes() {
    return (long) (stable + tentative) * bytesPerPosition;
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      onClose();
    }
  }

  /** Called once by the first {@link #close()}. */
  protected void onClose() {}
}
