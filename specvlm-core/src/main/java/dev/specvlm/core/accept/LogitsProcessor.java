package dev.specvlm.core.accept;

import dev.specvlm.GenerationConfig;
import java.util.Arrays;

/**
 * Turns one row of target logits into the token choice of one position, exactly as {@link GenerationConfig}
 * documents, so that every speculation mode and plain autoregressive decoding see the same distribution.
 *
 * <p>Order: repetition penalty (HF style, once per distinct token of the context and of the node's own drafted
 * path: a positive logit is divided by the penalty, a negative one multiplied), temperature, top-k (ties keep the lower
 * token id), top-p (the shortest run of most probable tokens, lower id first on ties, whose mass reaches {@code topP}),
 * min-p (drop tokens below {@code minP} times the top probability). Greedy decoding ({@code temperature == 0}) takes
 * the arg max of the penalised logits (lowest id on ties); the other settings do not apply.
 *
 * <p>NaN and +∞ logits throw {@link dev.specvlm.InferenceException} naming the position; −∞ means an impossible token.
 * Reuses its buffers: no allocation per call. Not thread-safe; one per generation.
 */
public final class LogitsProcessor {
  private static final int TOP_P_FIRST_BATCH = 64;

  private final int vocab;
  private final double temperature;
  private final int topK;
  private final double topP;
  private final double minP;
  private final double penalty;
  private final double[] x; // [V] processed logits of the current row
  private final int[] stamp; // [V] penalised-in-this-call marker
  private int currentStamp;
  private final int[] candidates; // [V] token ids, best first
  private final TopK selector;
  private final TokenDistribution distribution;

  /** A processor for {@code config}'s sampling settings over a vocabulary of {@code vocabSize}. */
  public LogitsProcessor(GenerationConfig config, int vocabSize) {
    this.vocab = vocabSize;
    this.temperature = config.temperature();
    this.topK = config.topK();
    this.topP = config.topP();
    this.minP = config.minP();
    this.penalty = config.repetitionPenalty();
    this.x = new double[vocabSize];
    this.stamp = new int[vocabSize];
    this.candidates = new int[vocabSize];
    this.selector = new TopK(vocabSize);
    this.distribution = new TokenDistribution(vocabSize);
  }

  /** Whether this processor decodes greedily ({@code temperature == 0}). */
  public boolean greedy() {
    return temperature == 0;
  }

  /** The vocabulary size V. */
  public int vocabSize() {
    return vocab;
  }

  /**
   * The greedy choice for one logits row: arg max of the penalised logits.
   *
   * @param logits holds the row at {@code [offset, offset + V)}
   * @param context the committed context (prompt and generated tokens)
   * @param path drafted tokens between the context and this row, {@code path[0, pathCount)}
   * @param position the sequence position whose logits these are, for error messages
   */
  public int argmax(float[] logits, int offset, TokenContext context, int[] path, int pathCount, int position) {
    if (penalty != 1) {
      markContext(context, path, pathCount, false);
    }
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      float f = logits[offset + v];
      if (f != f || f == Float.POSITIVE_INFINITY) {
        throw ModelOutputCheck.nonFinite("target", "logit", position, v, f);
      }
      double s = f;
      if (penalty != 1 && stamp[v] == currentStamp) {
        s = penalise(s);
      }
      if (s > bestValue) {
        bestValue = s;
        best = v;
      }
    }
    if (best < 0) {
      throw ModelOutputCheck.noFiniteLogit("target", position);
    }
    return best;
  }

  /**
   * The processed distribution of one logits row (sampling only). The result is owned by this processor and valid
   * until its next call.
   *
   * @param logits holds the row at {@code [offset, offset + V)}
   * @param context the committed context (prompt and generated tokens)
   * @param path drafted tokens between the context and this row, {@code path[0, pathCount)}
   * @param position the sequence position whose logits these are, for error messages
   */
  public TokenDistribution process(float[] logits, int offset, TokenContext context, int[] path, int pathCount,
      int position) {
    if (temperature == 0) {
      throw new IllegalStateException("process() is for sampling; greedy decoding uses argmax()");
    }
    for (int v = 0; v < vocab; v++) {
      float f = logits[offset + v];
      if (f != f || f == Float.POSITIVE_INFINITY) {
        throw ModelOutputCheck.nonFinite("target", "logit", position, v, f);
      }
      x[v] = f;
    }
    if (penalty != 1) {
      markContext(context, path, pathCount, true);
    }
    TokenDistribution d = distribution;
    d.clear();
    double[] w = d.weights();
    boolean sparse = topK > 0 && topK < vocab;
    int size;
    double max;
    if (sparse) {
      size = selector.select(x, vocab, topK, candidates);
      max = x[candidates[0]];
      checkPossible(max, position);
      for (int i = 0; i < size; i++) {
        int v = candidates[i];
        w[v] = Math.exp((x[v] - max) / temperature);
      }
    } else {
      size = vocab;
      max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < vocab; v++) {
        max = Math.max(max, x[v]);
      }
      checkPossible(max, position);
      for (int v = 0; v < vocab; v++) {
        w[v] = Math.exp((x[v] - max) / temperature);
      }
    }
    if (topP < 1) {
      size = keepNucleus(w, sparse, size);
      sparse = true;
    }
    if (minP > 0) {
      // the top token has weight exp(0) = 1, so the threshold relative to it is minP itself
      if (sparse) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
          int v = candidates[i];
          if (w[v] < minP) {
            w[v] = 0;
          } else {
            candidates[kept++] = v;
          }
        }
        size = kept;
      } else {
        for (int v = 0; v < vocab; v++) {
          if (w[v] < minP) {
            w[v] = 0;
          }
        }
      }
    }
    if (sparse) {
      System.arraycopy(candidates, 0, d.supportBuffer(), 0, size);
      d.finishSparse(size);
    } else {
      d.finishDense();
    }
    return d;
  }

  /** Top-p: keeps the shortest best-first run of {@code candidates} reaching the mass; returns its length. */
  private int keepNucleus(double[] w, boolean sparse, int size) {
    double total = 0;
    if (sparse) {
      for (int i = 0; i < size; i++) {
        total += w[candidates[i]];
      }
    } else {
      for (int v = 0; v < vocab; v++) {
        total += w[v];
      }
    }
    double target = topP * total;
    int kept;
    if (sparse) {
      kept = prefixReaching(w, size, target);
      for (int i = kept; i < size; i++) {
        w[candidates[i]] = 0;
      }
      return kept;
    }
    // dense: rank only as many tokens as needed, growing the batch until the mass is reached
    int k = Math.min(vocab, TOP_P_FIRST_BATCH);
    while (true) {
      int n = selector.select(w, vocab, k, candidates);
      kept = prefixReaching(w, n, target);
      if (kept > 0 || n == vocab) {
        kept = kept > 0 ? kept : n;
        break;
      }
      k = (int) Math.min(vocab, 4L * k);
    }
    double[] keptWeights = x; // x is no longer needed for this row: reuse it to hold the kept weights
    for (int i = 0; i < kept; i++) {
      keptWeights[i] = w[candidates[i]];
    }
    Arrays.fill(w, 0);
    for (int i = 0; i < kept; i++) {
      w[candidates[i]] = keptWeights[i];
    }
    return kept;
  }

  /** The length of the shortest prefix of {@code candidates[0, n)} whose weight reaches {@code target}, or 0. */
  private int prefixReaching(double[] w, int n, double target) {
    double cum = 0;
    for (int i = 0; i < n; i++) {
      cum += w[candidates[i]];
      if (cum >= target) {
        return i + 1;
      }
    }
    return 0;
  }

  private void markContext(TokenContext context, int[] path, int pathCount, boolean apply) {
    int s = ++currentStamp;
    if (s == 0) { // wrapped around: clear the stamps once
      Arrays.fill(stamp, 0);
      s = currentStamp = 1;
    }
    for (int i = 0, n = context.size(); i < n; i++) {
      mark(context.get(i), s, apply);
    }
    for (int i = 0; i < pathCount; i++) {
      mark(path[i], s, apply);
    }
  }

  private void mark(int token, int s, boolean apply) {
    if (stamp[token] != s) {
      stamp[token] = s;
      if (apply) {
        x[token] = penalise(x[token]);
      }
    }
  }

  private double penalise(double logit) {
    return logit > 0 ? logit / penalty : logit * penalty;
  }

  private static void checkPossible(double max, int position) {
    if (max == Double.NEGATIVE_INFINITY) {
      throw ModelOutputCheck.noFiniteLogit("target", position);
    }
  }
}
