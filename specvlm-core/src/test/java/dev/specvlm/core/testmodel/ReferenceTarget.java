package dev.specvlm.core.testmodel;

import dev.specvlm.ContextLengthException;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.TargetModel;
import dev.specvlm.core.model.TargetState;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The reference target: its KV cache holds one hash per position (of the input embedding and the position id), and a
 * query row's logits and feature are functions of the ordered fold of every committed row plus the new rows its mask
 * shows. Deterministic and exact, so autoregressive and tree verification give bit-identical logits when (and only
 * when) the engine's bookkeeping is right. Thread-safe; each state belongs to one generation.
 *
 * <p>Faults for tests: {@link #poisonLogitsAt(int)} makes the logits at one position NaN; {@link #breakCommit} makes
 * commit keep the first rows instead of the requested ones (a wrong gather); {@link #onForward} runs a hook before
 * every forward (to block or slow a generation).
 */
public final class ReferenceTarget implements TargetModel {
  /** Bytes this model accounts per cached position. */
  public static final int BYTES_PER_POSITION = 64;

  private final ReferenceLanguage language;
  private final int contextLength;
  private volatile int poisonPosition = -1;
  private volatile boolean brokenCommit;
  private volatile IntConsumer forwardHook = q -> {};
  private final AtomicInteger openStates = new AtomicInteger();
  private final AtomicInteger forwards = new AtomicInteger();

  /** A target speaking {@code language} whose states hold at most {@code contextLength} positions. */
  public ReferenceTarget(ReferenceLanguage language, int contextLength) {
    this.language = language;
    this.contextLength = contextLength;
  }

  /** Makes the logits of rows at sequence position {@code position} NaN (−1 turns it off). */
  public void poisonLogitsAt(int position) {
    this.poisonPosition = position;
  }

  /** Makes commit keep rows {@code 0..count-1} instead of the requested ones. */
  public void breakCommit(boolean broken) {
    this.brokenCommit = broken;
  }

  /** Runs {@code hook} with the row count before every forward. */
  public void onForward(IntConsumer hook) {
    this.forwardHook = hook;
  }

  /** States created and not yet closed. */
  public int openStates() {
    return openStates.get();
  }

  /** Forward calls so far. */
  public int forwards() {
    return forwards.get();
  }

  @Override
  public TargetState newState(int capacity) {
    if (capacity > contextLength) {
      throw new ContextLengthException("reference target: capacity " + capacity + " > context " + contextLength);
    }
    openStates.incrementAndGet();
    return new State(capacity);
  }

  private final class State implements TargetState {
    private final int capacity;
    private final long[] rows; // [capacity] committed row hashes
    private final long[] pendingRows; // [capacity] rows of the last forward
    private int length;
    private int pending;
    private long prefix; // fold of the committed rows
    private boolean closed;

    State(int capacity) {
      this.capacity = capacity;
      this.rows = new long[capacity];
      this.pendingRows = new long[capacity];
      this.prefix = language.emptyContext();
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public int capacity() {
      return capacity;
    }

    @Override
    public void forward(float[] embeds, int q, int[] positions, AttentionMask mask, int logitRows, float[] logits,
        float[] features) {
      if (closed) {
        throw new IllegalStateException("reference target state is closed");
      }
      if (pending != 0) {
        throw new IllegalStateException("forward with " + pending + " tentative rows pending");
      }
      if (length + q > capacity) {
        throw new IllegalStateException("reference target overflow: " + length + " + " + q + " > " + capacity);
      }
      if (mask.rows() != q || mask.cols() != q) {
        throw new IllegalArgumentException("mask " + mask.rows() + "x" + mask.cols() + " for " + q + " rows");
      }
      forwards.incrementAndGet();
      forwardHook.accept(q);
      int h = language.hidden();
      int v = language.vocab();
      for (int r = 0; r < q; r++) {
        pendingRows[r] = language.row(embeds, r * h, positions[r]);
      }
      for (int r = 0; r < q; r++) {
        long context = prefix;
        for (int c = 0; c < q; c++) {
          if (mask.visible(r, c)) {
            context = language.fold(context, pendingRows[c]);
          }
        }
        language.writeFeature(context, features, r * h);
        int logitRow = r - (q - logitRows);
        if (logitRow >= 0) {
          language.logits(context, logits, logitRow * v);
          if (positions[r] == poisonPosition) {
            Arrays.fill(logits, logitRow * v, (logitRow + 1) * v, Float.NaN);
          }
        }
      }
      pending = q;
    }

    @Override
    public void commit(int[] keep, int count) {
      for (int i = 0; i < count; i++) {
        int src = brokenCommit ? i : keep[i];
        if (src < 0 || src >= pending || (i > 0 && keep[i] <= keep[i - 1])) {
          throw new IllegalArgumentException("bad keep index " + keep[i] + " at " + i);
        }
        rows[length + i] = pendingRows[src];
        prefix = language.fold(prefix, pendingRows[src]);
      }
      length += count;
      pending = 0;
    }

    @Override
    public long kvBytes() {
      return (long) (length + pending) * BYTES_PER_POSITION;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        openStates.decrementAndGet();
      }
    }
  }
}
