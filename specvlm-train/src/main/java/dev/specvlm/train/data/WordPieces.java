package dev.specvlm.train.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The pre-tokenizer of the bundled tokenizer, in Java: the same pieces the {@code tokenizer.json} that
 * {@link TokenizerJsonWriter} writes gives for a text without special tokens. In order:
 *
 * <ol>
 *   <li>normalise: every run of whitespace becomes one space, and leading and trailing spaces go;</li>
 *   <li>Metaspace: a space is prepended and every space becomes {@code ▁} (U+2581), and the text is split before each
 *       {@code ▁};</li>
 *   <li>Punctuation: every punctuation character becomes a piece of its own.</li>
 * </ol>
 *
 * <p>So {@code "The circle is red, [0.12]."} gives {@code ▁The ▁circle ▁is ▁red , ▁ [ 0 . 12 ] .}: a word carries the
 * space before it, punctuation carries none, and decoding (concatenate, {@code ▁} → space, drop the first space) gives
 * the normalised text back exactly.
 */
final class WordPieces {
  /** The character that stands for a space inside a piece. */
  static final char SPACE = '\u2581';

  private WordPieces() {}

  /** {@code text} with whitespace runs collapsed to one space and no leading or trailing space. */
  static String normalize(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** The pieces of {@code text} (which must hold no special token). */
  static List<String> split(String text) {
    String normalized = normalize(text);
    List<String> pieces = new ArrayList<>();
    if (normalized.isEmpty()) {
      return pieces;
    }
    String spaced = SPACE + normalized.replace(' ', SPACE);
    int start = 0;
    for (int i = 1; i <= spaced.length(); i++) {
      if (i == spaced.length() || spaced.charAt(i) == SPACE) {
        splitPunctuation(spaced.substring(start, i), pieces);
        start = i;
      }
    }
    return pieces;
  }

  private static void splitPunctuation(String chunk, List<String> out) {
    int start = 0;
    for (int i = 0; i < chunk.length(); i++) {
      if (isPunctuation(chunk.charAt(i))) {
        if (i > start) {
          out.add(chunk.substring(start, i));
        }
        out.add(String.valueOf(chunk.charAt(i)));
        start = i + 1;
      }
    }
    if (start < chunk.length()) {
      out.add(chunk.substring(start));
    }
  }

  /** ASCII punctuation and the Unicode punctuation categories, as the Hugging Face Punctuation pre-tokenizer has it. */
  static boolean isPunctuation(char ch) {
    if (ch < 128) {
      return ch > ' ' && ch < 127 && !Character.isLetterOrDigit(ch);
    }
    return switch (Character.getType(ch)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /**
   * The text of a sequence of pieces: concatenated, {@code ▁} turned into spaces, and the first piece's {@code ▁}
   * dropped (the Metaspace decoder).
   */
  static String join(List<String> pieces) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pieces.size(); i++) {
      String p = pieces.get(i);
      if (i == 0) {
        sb.append(p.replace(String.valueOf(SPACE), ""));
      } else {
        sb.append(p.replace(SPACE, ' '));
      }
    }
    return sb.toString();
  }
}
