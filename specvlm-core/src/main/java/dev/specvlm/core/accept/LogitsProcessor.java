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
  /** A weight in [0, 1] maps to the top bits of its float (exponent and 4 mantissa bits): a monotone bucket. */
  private static final int BUCKET_SHIFT = 19;
  private static final int BUCKETS = (Float.floatToRawIntBits(1f) >>> BUCKET_SHIFT) + 1;

  private final int vocab;
  private final double temperature;
  private final int topK;
  private final double topP;
  private final double minP;
  private final double penalty;
  private final double[] x; // [V] processed logits of the current row
  private final long[] penalised; // [ceil(V / 64)] bitset: context or path tokens of the current call
  private final int[] candidates; // [V] token ids, best first
  private final int[] order; // [V] scratch ranking
  private final double[] bucketMass; // [BUCKETS] nucleus search: weight per float-exponent bucket
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
    this.penalised = new long[(vocabSize + 63) >>> 6];
    this.candidates = new int[vocabSize];
    this.order = new int[vocabSize];
    this.bucketMass = new double[BUCKETS];
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
    int best = -1;
    float bestRaw = Float.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      float f = logits[offset + v];
      if (f > bestRaw) {
        if (f == Float.POSITIVE_INFINITY) {
          throw ModelOutputCheck.nonFinite("target", "logit", position, v, f);
        }
        bestRaw = f;
        best = v;
      } else if (f != f) {
        throw ModelOutputCheck.nonFinite("target", "logit", position, v, f);
      }
    }
    if (best < 0) {
      throw ModelOutputCheck.noFiniteLogit("target", position);
    }
    if (penalty == 1) {
      return best;
    }
    markContext(context, path, pathCount, false);
    if ((penalised[best >>> 6] & (1L << best)) == 0) {
      // the raw winner is unpenalised, so it is the best unpenalised token: only penalised tokens can still win
      int winner = best;
      double winnerValue = bestRaw;
      for (int i = 0, n = context.size(); i < n + pathCount; i++) {
        int t = i < n ? context.get(i) : path[i - n];
        double s = penalise(logits[offset + t]);
        if (s > winnerValue || (s == winnerValue && t < winner)) {
          winner = t;
          winnerValue = s;
        }
      }
      return winner;
    }
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      float f = logits[offset + v];
      double s = (penalised[v >>> 6] & (1L << v)) != 0 ? penalise(f) : f;
      if (s > bestValue) {
        bestValue = s;
        best = v;
      }
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
    boolean ascending = false; // whether candidates[0, size) is in ascending token id
    if (topP < 1) {
      ascending = !sparse; // the dense nucleus search collects its tokens in id order
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
      d.finishSparse(size, ascending);
    } else {
      d.finishDense();
    }
    return d;
  }

  /**
   * The logits of one row after the repetition penalty: the values greedy decoding compares, and that sampling
   * divides by the temperature. For diagnostics (losslessness reports); allocates, so not for the decode loop.
   *
   * @param logits holds the row at {@code [offset, offset + V)}
   * @param context the committed context before this row
   * @return {@code [V]} penalised logits
   */
  public double[] penalisedLogits(float[] logits, int offset, TokenContext context) {
    double[] out = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      out[v] = logits[offset + v];
    }
    if (penalty != 1) {
      for (int v = 0; v < vocab; v++) {
        if (context.contains(v)) {
          out[v] = penalise(out[v]);
        }
      }
    }
    return out;
  }

  /** Top-p: keeps the shortest best-first run of tokens reaching the mass; returns its length in candidates. */
  private int keepNucleus(double[] w, boolean sparse, int size) {
    if (sparse) {
      double total = 0;
      for (int i = 0; i < size; i++) {
        total += w[candidates[i]];
      }
      int kept = prefixReaching(candidates, w, size, topP * total);
      for (int i = kept; i < size; i++) {
        w[candidates[i]] = 0;
      }
      return kept;
    }
    // dense: find the weight bucket where the best-first mass crosses topP·total, rank only that bucket
    Arrays.fill(bucketMass, 0);
    double total = 0;
    for (int v = 0; v < vocab; v++) {
      bucketMass[bucket(w[v])] += w[v];
      total += w[v];
    }
    double target = topP * total;
    double above = 0; // mass of the buckets above the edge
    int edge = -1;
    for (int b = BUCKETS - 1; b >= 0; b--) {
      if (above + bucketMass[b] >= target && bucketMass[b] > 0) {
        edge = b;
        break;
      }
      above += bucketMass[b];
    }
    int inEdge = 0;
    for (int v = 0; v < vocab; v++) {
      if (w[v] > 0 && (edge < 0 || bucket(w[v]) == edge)) {
        order[inEdge++] = v;
      }
    }
    if (edge < 0) { // rounding kept the mass from reaching the target: keep every possible token
      System.arraycopy(order, 0, candidates, 0, inEdge);
      return inEdge;
    }
    selector.selectAmong(w, order, inEdge, inEdge, candidates);
    int keptInEdge = prefixReaching(candidates, w, inEdge, target - above);
    keptInEdge = keptInEdge > 0 ? keptInEdge : inEdge;
    int last = candidates[keptInEdge - 1]; // the worst kept token: (weight, id) at or above it is kept
    double lastWeight = w[last];
    int kept = 0;
    for (int v = 0; v < vocab; v++) {
      double wv = w[v];
      int b = wv > 0 ? bucket(wv) : -1;
      boolean keep = b > edge || (b == edge && (wv > lastWeight || (wv == lastWeight && v <= last)));
      if (keep) {
        candidates[kept++] = v;
      } else {
        w[v] = 0;
      }
    }
    return kept;
  }

  private static int bucket(double weight) {
    return Float.floatToRawIntBits((float) weight) >>> BUCKET_SHIFT;
  }

  /** The length of the shortest prefix of {@code ids[0, n)} whose weight reaches {@code target}, or 0. */
  private static int prefixReaching(int[] ids, double[] w, int n, double target) {
    double cum = 0;
    for (int i = 0; i < n; i++) {
      cum += w[ids[i]];
      if (cum >= target) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Marks (and with {@code apply}, penalises once) each distinct context and path token. */
  private void markContext(TokenContext context, int[] path, int pathCount, boolean apply) {
    Arrays.fill(penalised, 0L);
    for (int i = 0, n = context.size(); i < n; i++) {
      mark(context.get(i), apply);
    }
    for (int i = 0; i < pathCount; i++) {
      mark(path[i], apply);
    }
  }

  private void mark(int token, boolean apply) {
    long bit = 1L << token;
    if ((penalised[token >>> 6] & bit) == 0) {
      penalised[token >>> 6] |= bit;
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
