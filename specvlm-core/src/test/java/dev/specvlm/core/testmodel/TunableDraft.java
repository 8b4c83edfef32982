package dev.specvlm.core.testmodel;

import dev.specvlm.core.accept.TopK;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.DraftState;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A draft head of tunable agreement with {@link ReferenceTarget}. Row j's input pair (feature, next embedding) is
 * folded exactly as the target folds the next position ({@code position + 1}), so its predicted feature is the
 * target's feature when the pair is right; its log-probabilities are the log-softmax of the target's logits plus
 * {@code noise × uniform(−1, 1)} per token. Noise 0 ranks tokens exactly as the target; large noise is near random.
 * Deterministic and thread-safe; each state belongs to one generation.
 *
 * <p>Strict checks (on by default): a tree row's feature must be the predicted feature of its parent (the deepest
 * tentative row its mask shows, or the last stable row), its position must be the stable length plus its number of
 * visible tree ancestors, and it must see itself. A wrong feature routing, position or mask then fails loudly (an
 * {@link AssertionError}) instead of only lowering acceptance. {@link #poisonAt(int)} makes the log-probabilities of
 * one draft position NaN.
 */
public final class TunableDraft implements DraftModel {
  /** Bytes this model accounts per cached position. */
  public static final int BYTES_PER_POSITION = 32;

  private final ReferenceLanguage language;
  private final double noise;
  private volatile boolean strict = true;
  private volatile int poisonPosition = -1;
  private volatile int positionShift;
  private final AtomicInteger openStates = new AtomicInteger();

  /** A draft over {@code language} with disagreement {@code noise} (0 = the target's ranking). */
  public TunableDraft(ReferenceLanguage language, double noise) {
    this.language = language;
    this.noise = noise;
  }

  /** Turns the routing checks off (for tests that feed the draft on purpose-made inputs). */
  public void strict(boolean on) {
    this.strict = on;
  }

  /** Makes the log-probabilities computed at draft position {@code position} NaN (−1 turns it off). */
  public void poisonAt(int position) {
    this.poisonPosition = position;
  }

  /**
   * Adds {@code shift} to every draft position before folding (0 by default). A draft that reads a prompt whose
   * visual span was compressed by Δ rows predicts the target exactly with shift Δ, when — and only when — the engine
   * gives it compact positions (target position − Δ); any other offset scrambles its proposals.
   */
  public void positionShift(int shift) {
    this.positionShift = shift;
  }

  /** States created and not yet closed. */
  public int openStates() {
    return openStates.get();
  }

  @Override
  public DraftState newState(int capacity, int maxTentative) {
    openStates.incrementAndGet();
    return new State(capacity, maxTentative);
  }

  private final class State extends AbstractDraftState {
    private final long[] tentativeOut; // [maxTentative] predicted context of each tree row
    private final double[] scores; // [V]
    private final int[] best; // [V]
    private final float[] logits; // [V]
    private final TopK topK;
    private long[] out = new long[16]; // [q] predicted contexts of the current call, grown on demand
    private long lastStableOut;

    State(int capacity, int maxTentative) {
      super(0, capacity, maxTentative, BYTES_PER_POSITION);
      this.tentativeOut = new long[Math.max(1, maxTentative)];
      int v = language.vocab();
      this.scores = new double[v];
      this.best = new int[v];
      this.logits = new float[v];
      this.topK = new TopK(v);
    }

    @Override
    protected void compute(float[] features, float[] embeds, int q, int[] positions, AttentionMask mask,
        boolean toStable, int headRows, int k, float[] hidden, int[] topIds, float[] topLogProbs) {
      int h = language.hidden();
      int shift = positionShift;
      if (out.length < q) {
        out = new long[Math.max(q, 2 * out.length)];
      }
      for (int r = 0; r < q; r++) {
        long in = language.readFeature(features, r * h);
        if (strict && !toStable) {
          checkTreeRow(r, in, positions[r], mask);
        } else if (strict && positions[r] != stableLength() + r) {
          throw new AssertionError("stable draft row " + r + " at position " + positions[r] + ", expected "
              + (stableLength() + r));
        }
        out[r] = language.fold(in, language.row(embeds, r * h, positions[r] + 1 + shift));
        language.writeFeature(out[r], hidden, r * h);
      }
      for (int i = 0; i < headRows; i++) {
        int r = q - headRows + i;
        head(out[r], k, topIds, topLogProbs, i * k, positions[r] == poisonPosition);
      }
      if (toStable) {
        lastStableOut = out[q - 1];
      } else {
        System.arraycopy(out, 0, tentativeOut, tentativeLength(), q);
      }
    }

    private void checkTreeRow(int r, long in, int position, AttentionMask mask) {
      if (!mask.visible(r, tentativeLength() + r)) {
        throw new AssertionError("draft tree row " + r + " does not see itself");
      }
      int ancestors = 0;
      int parent = -1;
      for (int c = 0; c < tentativeLength(); c++) {
        if (mask.visible(r, c)) {
          ancestors++;
          parent = c;
        }
      }
      for (int c = tentativeLength(); c < tentativeLength() + r; c++) {
        if (mask.visible(r, c)) {
          throw new AssertionError("draft tree row " + r + " sees row " + (c - tentativeLength())
              + " of its own level");
        }
      }
      long expected = parent < 0 ? lastStableOut : tentativeOut[parent];
      if (in != expected) {
        throw new AssertionError("draft tree row " + r + " got a feature that is not its parent's prediction"
            + " (parent column " + parent + ")");
      }
      if (position != stableLength() + ancestors) {
        throw new AssertionError("draft tree row " + r + " at position " + position + ", expected stable "
            + stableLength() + " + " + ancestors + " visible ancestors");
      }
    }

    /** Top-k of log-softmax(target logits + noise) for the context {@code context}. */
    private void head(long context, int k, int[] topIds, float[] topLogProbs, int off, boolean poison) {
      int v = language.vocab();
      language.logits(context, logits, 0);
      double max = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < v; t++) {
        scores[t] = logits[t] + noise * language.noise(context, t);
        max = Math.max(max, scores[t]);
      }
      double sum = 0;
      for (int t = 0; t < v; t++) {
        sum += Math.exp(scores[t] - max);
      }
      double logZ = max + Math.log(sum);
      int n = topK.select(scores, v, k, best);
      for (int i = 0; i < n; i++) {
        topIds[off + i] = best[i];
        topLogProbs[off + i] = poison ? Float.NaN : (float) (scores[best[i]] - logZ);
      }
    }

    @Override
    protected void onClose() {
      openStates.decrementAndGet();
    }
  }
}
