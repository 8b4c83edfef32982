package dev.specvlm.train.eval;

import dev.specvlm.train.data.ColorFamily;
import dev.specvlm.train.data.NamedColor;
import dev.specvlm.train.data.ShapeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    Map<String, String> m = new LinkedHashMap<>();
    for (NamedColor c : NamedColor.OBJECT_COLORS) {
      m.put(c.name(), c.family().name());
    }
    for (ColorFamily f : ColorFamily.values()) {
      f.names().forEach(n -> m.put(n, f.name()));
      m.put(f.tinge(), f.name());
    }
    return new KeyWords(bothSpellings(m));
  }

  /** Shape nouns, labelled by shape kind. */
  static KeyWords shapes() {
    Map<String, String> m = new LinkedHashMap<>();
    for (ShapeKind k : ShapeKind.values()) {
      k.nouns().forEach(n -> m.put(n, k.name()));
      k.pluralNouns().forEach(n -> m.put(n, k.name()));
    }
    return new KeyWords(m);
  }

  /** Adds the American spelling of every British "grey" phrase (the grammar writes either). */
  private static Map<String, String> bothSpellings(Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>(m);
    m.forEach((phrase, label) -> out.putIfAbsent(phrase.replace("grey", "gray"), label));
    return out;
  }

  /** Number words and digits 0–12, labelled by value ("single" is one). */
  static KeyWords counts() {
    String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve"};
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < words.length; i++) {
      m.put(words[i], Integer.toString(i));
      m.put(Integer.toString(i), Integer.toString(i));
    }
    m.put("single", "1");
    m.put("no", "0");
    m.put("none", "0");
    return new KeyWords(m);
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
