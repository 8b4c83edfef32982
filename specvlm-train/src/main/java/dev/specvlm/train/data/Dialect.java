package dev.specvlm.train.data;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spelling a sample is written in. The grammar writes either spelling; {@link #apply} rewrites the finished
 * question and answer so that a sample never mixes the two, and an answer follows its question's spelling.
 */
enum Dialect {
  /** "color", "gray", "center" (and "colorful", "coloring", "grayish"). */
  AMERICAN,
  /** "colour", "grey", "centre". */
  BRITISH;

  private static final Pattern WORDS =
      Pattern.compile("\\b(?:([Cc])olou?r(ful|s|ed|ing)?|([Gg])r[ae]y(ish)?|([Cc])ent(?:er|re)(s)?)\\b");

  /** {@code text} with every dialect-marked word spelled in this dialect. */
  String apply(String text) {
    Matcher m = WORDS.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = m.group(1) + (this == AMERICAN ? "olor" : "olour") + Objects.requireNonNullElse(m.group(2), "");
      } else if (m.group(3) != null) {
        replacement = m.group(3) + (this == AMERICAN ? "ray" : "rey") + Objects.requireNonNullElse(m.group(4), "");
      } else {
        replacement = m.group(5) + (this == AMERICAN ? "enter" : "entre") + Objects.requireNonNullElse(m.group(6), "");
      }
      m.appendReplacement(sb, replacement);
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Whether {@code text} holds a word that reveals its dialect. */
  static boolean marks(String text) {
    return WORDS.matcher(text).find();
  }
}
