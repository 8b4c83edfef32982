package dev.specvlm.train.data;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Titles for a picture ("Quiet Parade", "Crimson Star at Dusk", "Five Shapes"), in title case and quotes. */
final class Titles {
  /** Title adjectives. */
  static final List<String> ADJECTIVES = List.of("quiet", "silent", "dancing", "floating", "happy", "lonely",
      "bright", "hidden", "little", "busy", "sleepy", "wandering", "scattered", "gentle", "bold", "curious", "playful",
      "restless", "midnight", "morning", "summer", "winter", "autumn", "spring", "electric", "golden", "secret",
      "tiny", "humble", "brave", "cheerful", "dreaming", "waiting", "shy", "proud", "lucky", "friendly", "Sunday",
      "weekend", "endless", "distant", "neon", "paper", "candy", "velvet", "crystal", "cosmic", "urban", "wild",
      "simple");

  /** Title nouns. */
  static final List<String> NOUNS = List.of("parade", "gathering", "party", "dance", "symphony", "playground",
      "carnival", "constellation", "reunion", "garden", "orbit", "journey", "conversation", "meeting", "festival",
      "puzzle", "escape", "harmony", "chorus", "dream", "balance", "rhythm", "crowd", "friends", "neighbors",
      "family", "company", "visitors", "travelers", "dreamers", "strangers", "pieces", "fragments", "signals",
      "echoes", "shadows", "lights", "notes", "tales", "stories", "games", "moments", "drift", "bloom", "spark",
      "glow", "waves", "confetti", "voyage", "picnic");

  /** Title endings for one object ("at Dusk"). */
  static final List<String> SETTINGS = List.of("at rest", "at play", "at sea", "at dusk", "at dawn", "at midnight",
      "at home", "at the edge", "in the middle", "on holiday", "on parade", "in motion", "in bloom", "in orbit",
      "in the spotlight", "on its own", "alone", "in disguise", "on vacation", "in love", "at noon", "by the sea",
      "under the stars", "after the rain", "before sunrise");

  private static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "at", "by", "in", "of", "on", "the");

  private Titles() {}

  /** A title for the scene, in quotes. */
  static String title(SceneTalk t) {
    Choices c = t.choices();
    List<SceneObject> objects = t.scene().objects();
    SceneObject focus = c.pick(objects);
    int n = objects.size();
    String title = switch (c.pick(0, 1, 2, 3, 4)) {
      case 1 -> Text.join(focus.color().name(), t.scene().count(focus.shape()) > 1
          ? t.pluralNoun(focus.shape()) : t.noun(focus.shape()));
      case 2 -> Text.join(focus.color().name(), t.noun(focus.shape()), c.pick(SETTINGS));
      case 3 -> Text.join("the", c.pick(NOUNS), "of", c.chance(0.5) ? t.objectPlural() : t.pluralNoun(focus.shape()));
      case 4 -> n > 1 ? Text.join(t.number(n), c.pick("shapes", "friends", "strangers", "neighbors", "pieces"))
          : Text.join(c.pick(ADJECTIVES), c.pick(NOUNS));
      default -> Text.join(c.pick(ADJECTIVES), c.pick(NOUNS));
    };
    return quote(titleCase(title));
  }

  /** {@code "…"} around the text. */
  static String quote(String text) {
    return "\"" + text + "\"";
  }

  /** Every word capitalised except small words after the first. */
  static String titleCase(String text) {
    String[] words = text.split(" ");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(i > 0 && SMALL_WORDS.contains(w.toLowerCase(Locale.ROOT)) ? w : Text.capitalize(w));
    }
    return sb.toString();
  }

  /**
   * The words of every possible title as they appear, for the vocabulary: each list entry in title case, and each
   * possible first word right after the opening quote.
   */
  static Set<String> phrases() {
    Set<String> first = new LinkedHashSet<>();
    Set<String> rest = new LinkedHashSet<>();
    first.add("the");
    first.addAll(ADJECTIVES);
    rest.addAll(NOUNS);
    rest.addAll(SETTINGS);
    rest.addAll(List.of("shapes", "friends", "strangers", "neighbors", "pieces"));
    rest.addAll(Lexicon.OBJECT_PLURALS);
    for (NamedColor color : NamedColor.OBJECT_COLORS) {
      first.add(color.name());
    }
    for (ShapeKind kind : ShapeKind.values()) {
      rest.addAll(kind.nouns());
      rest.addAll(kind.pluralNouns());
    }
    for (int i = 2; i <= SceneGenerator.MAX_OBJECTS; i++) {
      first.add(Lexicon.NUMBER_WORDS.get(i));
      first.add(Integer.toString(i));
    }
    Set<String> out = new LinkedHashSet<>();
    for (String f : first) {
      out.add(quote(titleCase(f)));
    }
    for (String r : rest) {
      out.add(titleCase("x " + r).substring(2)); // as a later word of a title
    }
    return out;
  }
}
