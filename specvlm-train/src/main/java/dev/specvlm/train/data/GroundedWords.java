package dev.specvlm.train.data;

import dev.specvlm.core.model.Tokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words an answer can only get right by looking at the image — colours, shapes, counts, places and sizes — as the
 * grammar writes them. Evaluation scores answers on them; training can weight them ({@link #tokenIds}).
 */
public final class GroundedWords {
  private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
      "nine", "ten", "eleven", "twelve"};
  /** Place words the region phrases use beyond the regions' own labels. */
  private static final String[] PLACE_SYNONYMS = {"upper", "lower", "middle", "centre"};

  private GroundedWords() {}

  /** Colour names and colour-family words (both spellings of grey), each labelled by its family. */
  public static Map<String, String> colors() {
    Map<String, String> m = new LinkedHashMap<>();
    for (NamedColor c : NamedColor.OBJECT_COLORS) {
      m.put(c.name(), c.family().name());
    }
    for (ColorFamily f : ColorFamily.values()) {
      f.names().forEach(n -> m.put(n, f.name()));
      m.put(f.tinge(), f.name());
    }
    Map<String, String> out = new LinkedHashMap<>(m);
    m.forEach((phrase, label) -> out.putIfAbsent(phrase.replace("grey", "gray"), label));
    return out;
  }

  /** Shape nouns, singular and plural, each labelled by its shape kind. */
  public static Map<String, String> shapes() {
    Map<String, String> m = new LinkedHashMap<>();
    for (ShapeKind k : ShapeKind.values()) {
      k.nouns().forEach(n -> m.put(n, k.name()));
      k.pluralNouns().forEach(n -> m.put(n, k.name()));
    }
    return m;
  }

  /** Number words and digits 0–12 labelled by value; "single" is one, "no" and "none" are zero. */
  public static Map<String, String> counts() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < NUMBERS.length; i++) {
      m.put(NUMBERS[i], Integer.toString(i));
      m.put(Integer.toString(i), Integer.toString(i));
    }
    m.put("single", "1");
    m.put("no", "0");
    m.put("none", "0");
    return m;
  }

  /**
   * The ids of every word above and of the place and size words, in lower case and capitalised (as at the start of
   * a sentence), that {@code tokenizer} encodes as a single known token.
   */
  public static Set<Integer> tokenIds(Tokenizer tokenizer) {
    Set<String> words = new TreeSet<>();
    for (Map<String, String> m : List.of(colors(), shapes(), counts())) {
      m.keySet().forEach(phrase -> words.addAll(List.of(phrase.split("[\\s-]+"))));
    }
    for (Region r : Region.values()) {
      words.addAll(List.of(r.label().split(" ")));
    }
    words.addAll(List.of(PLACE_SYNONYMS));
    for (SizeClass s : SizeClass.values()) {
      s.adjectives().forEach(a -> words.addAll(List.of(a.split(" "))));
    }
    words.removeAll(Set.of("fairly", "moderately", "sized")); // degree words of multi-word size phrases
    Set<Integer> ids = new TreeSet<>();
    for (String word : words) {
      for (String form : new String[] {word, word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1)}) {
        int[] encoded = tokenizer.encode(form);
        if (encoded.length == 1 && encoded[0] != SpecialTokens.UNK_ID) {
          ids.add(encoded[0]);
        }
      }
    }
    return ids;
  }
}
