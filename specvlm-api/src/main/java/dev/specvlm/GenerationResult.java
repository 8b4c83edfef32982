package dev.specvlm;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of one generation: the committed tokens, their text, why generation ended, and statistics. Immutable.
 */
public final class GenerationResult {
  private final String text;
  private final int[] tokenIds;
  private final FinishReason finishReason;
  private final SpecStats stats;

  private GenerationResult(String text, int[] tokenIds, FinishReason finishReason, SpecStats stats) {
    this.text = Objects.requireNonNull(text, "text");
    this.tokenIds = tokenIds.clone();
    this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  /**
   * Creates a result; for backends and tests. {@code tokenIds} is copied.
   */
  public static GenerationResult of(String text, int[] tokenIds, FinishReason finishReason, SpecStats stats) {
    return new GenerationResult(text, tokenIds, finishReason, stats);
  }

  /** The generated text (prompt and special tokens excluded), ending at a stop string if one ended the generation. */
  public String text() {
    return text;
  }

  /** A copy of the generated token ids (prompt excluded). */
  public int[] tokenIds() {
    return tokenIds.clone();
  }

  /** The number of generated tokens. */
  public int tokenCount() {
    return tokenIds.length;
  }

  /** Why generation ended. */
  public FinishReason finishReason() {
    return finishReason;
  }

  /** Statistics of this generation. */
  public SpecStats stats() {
    return stats;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerationResult r
        && r.text.equals(text)
        && Arrays.equals(r.tokenIds, tokenIds)
        && r.finishReason == finishReason
        && r.stats.equals(stats);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, Arrays.hashCode(tokenIds), finishReason, stats);
  }

  @Override
  public String toString() {
    return "GenerationResult{" + finishReason + ", " + tokenIds.length + " tokens, σ="
        + String.format("%.2f", stats.meanAcceptedLength()) + ", text=" + text + "}";
  }
}
