package dev.specvlm.train.data;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Small text helpers of the grammar: joining, capitalising, articles and lists. */
final class Text {
  /** Words that start with a vowel letter but a consonant sound. */
  private static final Set<String> CONSONANT_SOUND = Set.of("one", "unique", "uniform", "unicorn", "useful", "usual",
      "user", "united", "universal", "university", "european");

  private Text() {}

  /** The non-empty {@code parts} joined by single spaces. */
  static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (!p.isEmpty()) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(p);
      }
    }
    return sb.toString();
  }

  /** {@code s} with its first letter in upper case. */
  static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** {@code "a " + phrase} or {@code "an " + phrase}, by the sound of its first word. */
  static String withArticle(String phrase) {
    return article(phrase) + " " + phrase;
  }

  /** {@code "a"} or {@code "an"} for a phrase. */
  static String article(String phrase) {
    String first = phrase.split("[ -]", 2)[0].toLowerCase(Locale.ROOT);
    boolean vowel = !first.isEmpty() && "aeiou".indexOf(first.charAt(0)) >= 0 && !CONSONANT_SOUND.contains(first);
    if (first.equals("hour") || first.equals("honest")) {
      vowel = true;
    }
    return vowel ? "an" : "a";
  }

  /**
   * {@code items} as an English list: "x", "x and y", "x, y and z", with an optional serial comma before the last
   * item when {@code serialComma} holds and there are three or more.
   */
  static String list(List<String> items, String conjunction, boolean serialComma) {
    int n = items.size();
    if (n == 0) {
      throw new IllegalArgumentException("empty list");
    }
    if (n == 1) {
      return items.get(0);
    }
    String head = String.join(", ", items.subList(0, n - 1));
    return head + (serialComma && n > 2 ? ", " : " ") + conjunction + " " + items.get(n - 1);
  }

  /** A sentence: {@code body} capitalised, with {@code end} punctuation appended. */
  static String sentence(String body, String end) {
    return capitalize(body) + end;
  }
}
