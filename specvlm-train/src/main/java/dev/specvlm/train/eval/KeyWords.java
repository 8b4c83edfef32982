package dev.specvlm.train.eval;

import dev.specvlm.train.data.GroundedWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the first image-dictated word of a kind in an answer — a colour (as its colour family), a shape (as its
 * kind) or a count — so that a generated answer can be scored against the reference answer the grammar wrote from
 * the scene. Phrases match whole words, case-insensitively; at one position the longest phrase wins.
 */
final class KeyWords {
  private final List<Map.Entry<Pattern, String>> phrases = new ArrayList<>();

  private KeyWords(Map<String, String> phraseToLabel) {
    phraseToLabel.entrySet().stream()
        .sorted((a, b) -> b.getKey().length() - a.getKey().length())
        .forEach(e -> phrases.add(Map.entry(
            Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\b", Pattern.CASE_INSENSITIVE), e.getValue())));
  }

  /** Colour names and family words, labelled by colour family. */
  static KeyWords colors() {
    return new KeyWords(GroundedWords.colors());
  }

  /** Shape nouns, labelled by shape kind. */
  static KeyWords shapes() {
    return new KeyWords(GroundedWords.shapes());
  }

  /** Number words and digits 0–12, labelled by value ("single" is one). */
  static KeyWords counts() {
    return new KeyWords(GroundedWords.counts());
  }

  /** The label of the earliest phrase in {@code text}, or null if none occurs. */
  @Nullable String first(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int best = Integer.MAX_VALUE;
    @Nullable String label = null;
    for (Map.Entry<Pattern, String> e : phrases) {
      Matcher m = e.getKey().matcher(lower);
      if (m.find() && m.start() < best) {
        best = m.start();
        label = e.getValue();
      }
    }
    return label;
  }
}
