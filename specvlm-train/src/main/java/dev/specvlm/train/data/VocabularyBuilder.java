package dev.specvlm.train.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the bundled vocabulary from the grammar itself, deterministically. It holds:
 *
 * <ol>
 *   <li>the {@link SpecialTokens};</li>
 *   <li>every piece of the questions and answers of the first {@link #CORPUS_SAMPLES} training seeds, which covers the
 *       templates and their capitalised sentence starts;</li>
 *   <li>every piece of every closed list the grammar fills slots from, in both spellings, whether or not the corpus
 *       used it: lexicon lists, shape nouns and facts, colour and size words, places, the pixel numbers 0–256, the
 *       decimals {@code 00}–{@code 99} of normalised coordinates, and the chat roles of
 *       {@link ConversationFormat}.</li>
 * </ol>
 *
 * <p>After the special tokens, pieces are ordered by corpus frequency (most frequent first), ties and unused pieces by
 * their text. Every piece is a word, number or mark the grammar can emit: there is no filler.
 */
final class VocabularyBuilder {
  /** The number of training seeds whose text seeds the vocabulary. */
  static final int CORPUS_SAMPLES = 5_000;

  /**
   * The largest whole number the grammar writes in digits: pixel sizes, offsets and image sides stay within 256, the
   * distance between two centres within 256·√2 ≈ 362.
   */
  static final int MAX_NUMBER = 362;

  private VocabularyBuilder() {}

  static Vocabulary build(SampleGenerator generator, int samples) {
    Map<String, Integer> counts = new HashMap<>();
    for (long i = 0; i < samples; i++) {
      Dialogue d = generator.dialogue(DataSplit.TRAIN.seed(i));
      count(d.question(), counts);
      count(d.answer(), counts);
    }
    for (String phrase : closedPhrases()) {
      for (Dialect dialect : Dialect.values()) {
        for (String piece : WordPieces.split(dialect.apply(phrase))) {
          counts.putIfAbsent(piece, 0);
        }
      }
    }
    List<String> pieces = new ArrayList<>(counts.keySet());
    pieces.removeAll(SpecialTokens.ALL);
    pieces.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
    List<String> tokens = new ArrayList<>(SpecialTokens.ALL);
    tokens.addAll(pieces);
    return Vocabulary.of(tokens);
  }

  private static void count(String text, Map<String, Integer> counts) {
    for (String piece : WordPieces.split(text)) {
      counts.merge(piece, 1, Integer::sum);
    }
  }

  /** Every phrase of the grammar's closed lists. */
  static Set<String> closedPhrases() {
    Set<String> out = new LinkedHashSet<>();
    Lexicon.all().forEach(out::addAll);
    for (ShapeKind k : ShapeKind.values()) {
      out.addAll(k.nouns());
      out.addAll(k.pluralNouns());
      out.addAll(k.facts());
      out.addAll(k.lookalikes());
    }
    for (ColorFamily f : ColorFamily.values()) {
      out.addAll(f.names());
      out.add(f.tinge());
      out.addAll(f.associations());
    }
    for (List<NamedColor> palette : List.of(NamedColor.OBJECT_COLORS, NamedColor.LIGHT_BACKGROUNDS,
        NamedColor.DARK_BACKGROUNDS)) {
      palette.forEach(c -> out.add(c.name()));
    }
    for (SizeClass s : SizeClass.values()) {
      out.addAll(s.adjectives());
    }
    for (Region r : Region.values()) {
      out.addAll(r.phrases());
    }
    for (int i = 0; i <= MAX_NUMBER; i++) {
      out.add(Integer.toString(i));
    }
    for (int i = 0; i <= 100; i++) {
      out.add(String.format(Locale.ROOT, "%.2f", i / 100.0)); // "0.00" … "1.00": pieces ▁0 ▁1 . 00 … 99
    }
    out.add("[0.00, 1.00]"); // a box opens with "▁ [ 0" (no space before the first number)
    out.addAll(Titles.phrases());
    out.add(ConversationFormat.USER_PREFIX);
    out.add(ConversationFormat.ASSISTANT_SUFFIX);
    return out;
  }
}
