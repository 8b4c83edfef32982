package dev.specvlm.core;

import dev.specvlm.core.accept.ModelOutputCheck;
import dev.specvlm.core.model.Embedder;

/**
 * Builds the draft's stable input pairs (brief §2.3, §6.1): draft row j holds the target feature {@code f_j} and the
 * embedding of the next element {@code E[j+1]} (a visual embedding for an image slot, a token embedding otherwise).
 *
 * <p>This is the one place that maps target positions to draft positions. A visual compressor (a later issue) will
 * shorten the visual span of the prefill pairs by {@link #delta()} = Δ positions; every target→draft index mapping
 * then subtracts Δ after the span (brief §6.4), and the draft's stable length is the target's committed length − Δ.
 * Without a compressor Δ = 0.
 */
final class DraftInputBuilder {
  private final Embedder embedder;
  private final int hiddenSize;
  private final float[] roundFeatures; // [maxRoundRows, H]
  private final float[] roundEmbeds; // [maxRoundRows, H]
  private final int[] oneToken = new int[1];
  private float[] features; // the arrays of the last build, [rows, H]
  private float[] embeds;
  private int delta;

  DraftInputBuilder(Embedder embedder, int hiddenSize, int maxRoundRows) {
    this.embedder = embedder;
    this.hiddenSize = hiddenSize;
    this.roundFeatures = new float[maxRoundRows * hiddenSize];
    this.roundEmbeds = new float[maxRoundRows * hiddenSize];
    this.features = roundFeatures;
    this.embeds = roundEmbeds;
  }

  /** Δ: how many fewer positions the draft holds than the target. */
  int delta() {
    return delta;
  }

  /** The draft position of target position {@code targetPosition} (past any compressed visual span). */
  int draftPosition(int targetPosition) {
    return targetPosition - delta;
  }

  /**
   * The prefill pairs {@code (f_j, E[j+1])} for {@code j in [0, n)}, {@code E[n]} being the first generated token.
   * Shifts {@code promptEmbeds} in place (the target prefill is done with it).
   *
   * @param targetFeatures the target's prefill features {@code [n, H]}
   * @param promptEmbeds the prompt embeddings {@code [n, H]}, overwritten with {@code E[1..n]}
   * @return the number of draft rows
   */
  int prefill(float[] targetFeatures, float[] promptEmbeds, int n, int firstToken) {
    int h = hiddenSize;
    ModelOutputCheck.requireFinite(targetFeatures, 0, n * h, "target", "feature", 0, h);
    System.arraycopy(promptEmbeds, h, promptEmbeds, 0, (n - 1) * h);
    oneToken[0] = firstToken;
    embedder.embed(oneToken, 0, 1, promptEmbeds, (n - 1) * h);
    features = targetFeatures;
    embeds = promptEmbeds;
    delta = 0;
    return n;
  }

  /**
   * The pairs of a round's committed path: {@code (f of path node i, embedding of new token i)} for i in [0, count),
   * where the new tokens are the accepted drafted tokens and the bonus.
   *
   * @param verifyFeatures the target's verification features {@code [T, H]}
   * @param pathNodes tree rows of the committed path, root first
   * @param rootPosition the target position of the path's root, for error messages
   * @return the number of draft rows
   */
  int round(float[] verifyFeatures, int[] pathNodes, int[] newTokens, int count, int rootPosition) {
    int h = hiddenSize;
    for (int i = 0; i < count; i++) {
      int src = pathNodes[i] * h;
      ModelOutputCheck.requireFinite(verifyFeatures, src, h, "target", "feature", rootPosition + i, h);
      System.arraycopy(verifyFeatures, src, roundFeatures, i * h, h);
    }
    embedder.embed(newTokens, 0, count, roundEmbeds, 0);
    features = roundFeatures;
    embeds = roundEmbeds;
    return count;
  }

  /** The features of the last build, {@code [rows, H]}. */
  float[] features() {
    return features;
  }

  /** The next-element embeddings of the last build, {@code [rows, H]}. */
  float[] embeds() {
    return embeds;
  }
}
