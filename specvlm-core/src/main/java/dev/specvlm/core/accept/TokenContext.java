package dev.specvlm.core.accept;

import java.util.Arrays;

/**
 * The distinct tokens of one generation's context (prompt, visual slots as the image token id, and committed
 * generated tokens): what the repetition penalty looks at. Updated in O(1) per committed token; no allocation after
 * construction. Not thread-safe; one per generation.
 */
public final class TokenContext {
  private final boolean[] present; // [V]
  private final int[] distinct; // [V], the first `count` entries are the distinct tokens in order of first use
  private int count;

  /** An empty context over a vocabulary of {@code vocabSize} tokens. */
  public TokenContext(int vocabSize) {
    this.present = new boolean[vocabSize];
    this.distinct = new int[vocabSize];
  }

  /** Adds {@code token} (in [0, V)) to the context. */
  public void add(int token) {
    if (!present[token]) {
      present[token] = true;
      distinct[count++] = token;
    }
  }

  /** Adds {@code tokens[from, to)}. */
  public void addAll(int[] tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      add(tokens[i]);
    }
  }

  /** Whether {@code token} occurred. */
  public boolean contains(int token) {
    return present[token];
  }

  /** The number of distinct tokens. */
  public int size() {
    return count;
  }

  /** The {@code i}-th distinct token, in order of first occurrence. */
  public int get(int i) {
    return distinct[i];
  }

  /** Empties the context. */
  public void clear() {
    for (int i = 0; i < count; i++) {
      present[distinct[i]] = false;
    }
    count = 0;
  }

  @Override
  public String toString() {
    return "TokenContext" + Arrays.toString(Arrays.copyOf(distinct, count));
  }
}
