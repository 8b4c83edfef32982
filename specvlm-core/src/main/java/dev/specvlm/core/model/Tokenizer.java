package dev.specvlm.core.model;

/** Text to token ids and back. Thread-safe. */
public interface Tokenizer {
  /** Token ids of {@code text}, without special tokens. */
  int[] encode(String text);

  /**
   * The text of {@code ids[from, to)}, without special tokens (end-of-sequence, image placeholders). Incomplete
   * multi-byte characters at the end decode to U+FFFD; the engine handles streaming boundaries itself.
   */
  String decode(int[] ids, int from, int to);

  /** The number of ids this tokenizer can produce; at most the model's vocabulary. */
  int vocabSize();
}
