package dev.specvlm.core;

import dev.specvlm.core.model.Tokenizer;

/**
 * Streams the text of generated tokens: each call returns the text the newest token adds. Decodes a short window
 * ({@code [prefixOffset, count)}) and compares it with the window's known text, so tokens that merge with their
 * neighbours decode correctly; text ending in an incomplete character (U+FFFD at the end) is held back until the next
 * token completes it, unless the caller flushes.
 */
final class IncrementalDetokenizer {
  private static final char REPLACEMENT = '\uFFFD';

  private final Tokenizer tokenizer;
  private int prefixOffset; // start of the decode window
  private int readOffset; // tokens whose text has been returned

  IncrementalDetokenizer(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /**
   * The text added by {@code ids[readOffset, count)}.
   *
   * @param flush return held-back text even if it ends in an incomplete character (the last token of a generation)
   */
  String next(int[] ids, int count, boolean flush) {
    String known = tokenizer.decode(ids, prefixOffset, readOffset);
    String window = tokenizer.decode(ids, prefixOffset, count);
    boolean incomplete = !window.isEmpty() && window.charAt(window.length() - 1) == REPLACEMENT;
    if (window.length() > known.length() && (flush || !incomplete) && window.startsWith(known)) {
      prefixOffset = readOffset;
      readOffset = count;
      return window.substring(known.length());
    }
    if (flush && !window.startsWith(known)) {
      // the tokenizer rewrote earlier text (a merge across the window start): give what is new beyond the common part
      int common = 0;
      while (common < Math.min(known.length(), window.length()) && known.charAt(common) == window.charAt(common)) {
        common++;
      }
      prefixOffset = readOffset;
      readOffset = count;
      return window.substring(common);
    }
    return "";
  }
}
