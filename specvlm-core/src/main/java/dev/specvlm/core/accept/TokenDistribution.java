package dev.specvlm.core.accept;

import java.util.Arrays;

/**
 * A processed next-token distribution over the vocabulary, as unnormalised non-negative weights. Owned and refilled by
 * one {@link LogitsProcessor}; valid until its next call. Sampling walks the support in ascending token id, so the
 * same weights and the same uniform always give the same token.
 */
public final class TokenDistribution {
  private final double[] weight; // [V], 0 outside the support
  private final int[] support; // [V], ascending token ids with a weight, when !dense
  private final int[] identity; // [V] 0, 1, ..., V-1: the support of a dense distribution
  private int supportSize;
  private boolean dense;
  private double total;
  private int positives; // tokens with weight > 0

  TokenDistribution(int vocabSize) {
    this.weight = new double[vocabSize];
    this.support = new int[vocabSize];
    this.identity = new int[vocabSize];
    Arrays.setAll(identity, i -> i);
    this.dense = true;
  }

  /** The vocabulary size V. */
  public int vocabSize() {
    return weight.length;
  }

  /** The probability of {@code token} under the current (possibly residual) distribution. */
  public double probability(int token) {
    double w = weight[token];
    if (w <= 0) {
      return 0;
    }
    return positives == 1 || w >= total ? 1.0 : w / total; // the last token left holds all the mass, whatever rounding says
  }

  /**
   * Removes {@code token} and renormalises: the residual {@code norm(max(p - δ_token, 0))} of recursive rejection
   * sampling.
   */
  public void remove(int token) {
    double w = weight[token];
    if (w > 0) {
      total -= w;
      weight[token] = 0;
      positives--;
    }
  }

  /**
   * The inverse-CDF sample for the uniform {@code u} in [0, 1): the first token in ascending id order whose cumulative
   * weight exceeds {@code u · total}.
   */
  public int sample(double u) {
    double target = u * total;
    double cum = 0;
    int last = -1;
    int[] ids = dense ? identity : support;
    int n = dense ? weight.length : supportSize;
    for (int i = 0; i < n; i++) {
      int v = ids[i];
      double w = weight[v];
      if (w > 0) {
        cum += w;
        last = v;
        if (target < cum) {
          return v;
        }
      }
    }
    return last; // rounding left u·total at or above the sum: the last token with weight
  }

  /**
   * The probability of the tokens {@link #sample} walks before {@code token} (those of lower id with a weight): the
   * lower edge of the uniforms that sample {@code token}, whose interval is {@code [massBefore, massBefore + p)}.
   */
  public double massBefore(int token) {
    double cum = 0;
    for (int v = 0; v < token; v++) {
      cum += Math.max(0, weight[v]);
    }
    return total <= 0 ? 0 : Math.min(1, cum / total);
  }

  /** The most probable token (lowest id on ties). */
  public int argmax() {
    int best = -1;
    double bw = -1;
    for (int v = 0; v < weight.length; v++) {
      if (weight[v] > bw) {
        bw = weight[v];
        best = v;
      }
    }
    return best;
  }

  // ---- filling, for LogitsProcessor ----

  double[] weights() {
    return weight;
  }

  int[] supportBuffer() {
    return support;
  }

  /** Zeroes the weights the previous distribution set. */
  void clear() {
    if (dense) {
      Arrays.fill(weight, 0);
    } else {
      for (int i = 0; i < supportSize; i++) {
        weight[support[i]] = 0;
      }
    }
    supportSize = 0;
    total = 0;
    positives = 0;
  }

  /** Marks the distribution dense (every token may carry weight) and sums it in ascending token id. */
  void finishDense() {
    this.dense = true;
    double t = 0;
    int n = 0;
    for (double w : weight) {
      if (w > 0) {
        t += w;
        n++;
      }
    }
    this.total = t;
    this.positives = n;
  }

  /**
   * Marks the distribution sparse over {@code support[0, size)} and sums the total.
   *
   * @param ascending whether the support is already in ascending token id (else it is sorted here)
   */
  void finishSparse(int size, boolean ascending) {
    this.dense = false;
    this.supportSize = size;
    if (!ascending) {
      Arrays.sort(support, 0, size);
    }
    double t = 0;
    int n = 0;
    for (int i = 0; i < size; i++) {
      double w = weight[support[i]];
      if (w > 0) {
        t += w;
        n++;
      }
    }
    this.total = t;
    this.positives = n;
  }
}
