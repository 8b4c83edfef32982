package dev.specvlm.core;

import dev.specvlm.core.accept.ModelOutputCheck;
import dev.specvlm.core.compress.VisualCompressor;
import dev.specvlm.core.model.Embedder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the draft's stable input pairs (brief §2.3, §6.1): draft row j holds the target feature {@code f_j} and the
 * embedding of the next element {@code E[j+1]} (a visual embedding for an image slot, a token embedding otherwise).
 *
 * <p>This is the one place that maps target positions to draft positions (brief §6.4, docs/compressor.md). With a
 * visual compressor, the rows of each visual span — the pairs whose next element is a visual slot, target rows
 * {@code [max(s−1, 0), s+N−1)} for an image at slots {@code [s, s+N)} — are replaced by the branch's output rows, and
 * the rows after the span move up: the draft holds {@link #delta()} = Δ fewer rows than the target, at compact
 * positions {@code 0, 1, …} with no gap. Target row {@code j} after the last span is draft row {@code j − Δ}; the
 * draft's stable length is the target's committed length − Δ for the rest of the generation. Without compression
 * Δ = 0. The trainer (specvlm-train, {@code DraftInputs}) applies the same rule.
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
   * The prefill pairs {@code (f_j, E[j+1])} for {@code j in [0, n)}, {@code E[n]} being the first generated token,
   * with each visual span compressed by {@code compression} (none when null). Works in place: shifts
   * {@code promptEmbeds} and compacts both arrays (the target prefill is done with them; read the gate's features
   * first).
   *
   * @param targetFeatures the target's prefill features {@code [n, H]}, overwritten with the draft rows' features
   * @param promptEmbeds the prompt embeddings {@code [n, H]}, overwritten with the draft rows' next embeddings
   * @param spans the visual spans of the prompt, in order
   * @return the number of draft rows, {@code n − Δ}
   */
  int prefill(float[] targetFeatures, float[] promptEmbeds, int n, int firstToken, List<AssembledPrompt.VisualSpan> spans,
      VisualCompressor.@Nullable Choice compression) {
    int h = hiddenSize;
    ModelOutputCheck.requireFinite(targetFeatures, 0, n * h, "target", "feature", 0, h);
    System.arraycopy(promptEmbeds, h, promptEmbeds, 0, (n - 1) * h);
    oneToken[0] = firstToken;
    embedder.embed(oneToken, 0, 1, promptEmbeds, (n - 1) * h);
    features = targetFeatures;
    embeds = promptEmbeds;
    int read = 0; // next target row not yet placed
    int write = 0; // next draft row
    for (AssembledPrompt.VisualSpan span : spans) {
      int from = Math.max(span.start() - 1, 0);
      int to = span.end() - 1; // rows [from, to) pair a feature with a visual embedding
      moveRows(read, from, write);
      write += from - read;
      int rows = to - from;
      int out = compression == null ? rows : compression.outputTokens(rows);
      if (compression != null && rows > 0 && out < rows) {
        write += compress(compression, from, rows, write);
      } else {
        moveRows(from, to, write);
        write += rows;
      }
      read = to;
    }
    moveRows(read, n, write);
    write += n - read;
    delta = n - write;
    return write;
  }

  /** Compresses target rows {@code [from, from + rows)} into draft rows from {@code at}; returns the rows written. */
  private int compress(VisualCompressor.Choice compression, int from, int rows, int at) {
    int h = hiddenSize;
    int w = 2 * h;
    float[] pairs = new float[rows * w]; // [rows, 2H]: [E[j+1] ‖ f_j], the draft's fusion order
    for (int i = 0; i < rows; i++) {
      System.arraycopy(embeds, (from + i) * h, pairs, i * w, h);
      System.arraycopy(features, (from + i) * h, pairs, i * w + h, h);
    }
    int out = compression.outputTokens(rows);
    float[] compressed = new float[Math.max(1, out * w)]; // [out, 2H]
    compression.compress(pairs, rows, compressed);
    for (int i = 0; i < out; i++) {
      System.arraycopy(compressed, i * w, embeds, (at + i) * h, h);
      System.arraycopy(compressed, i * w + h, features, (at + i) * h, h);
    }
    return out;
  }

  /** Moves target rows {@code [from, to)} of both arrays to start at row {@code at <= from}. */
  private void moveRows(int from, int to, int at) {
    if (from != at && to > from) {
      int h = hiddenSize;
      System.arraycopy(features, from * h, features, at * h, (to - from) * h);
      System.arraycopy(embeds, from * h, embeds, at * h, (to - from) * h);
    }
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
